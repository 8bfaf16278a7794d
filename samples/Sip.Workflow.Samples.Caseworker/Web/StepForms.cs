namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>The steps this demo has a form for, and their addresses under a case (<c>/arenden/{id}/steg/{slug}</c>).</summary>
internal static class StepForms
{
    // In the order a SIP usually runs, so the checklist reads top to bottom; the library's other steps follow.
    private static readonly (SipTrigger Trigger, string Slug)[] Forms =
    [
        (SipTrigger.AppointFixedCareContact, "fast-vardkontakt"),
        (SipTrigger.RecordReadyForDischarge, "utskrivningsklar"),
        (SipTrigger.RecordConsent, "samtycke"),
        (SipTrigger.StartPreparation, "forberedelse"),
        (SipTrigger.AddParticipant, "deltagare"),
        (SipTrigger.ScheduleMeeting, "mote"),
        (SipTrigger.SendSummons, "kallelse"),
        (SipTrigger.RecordAttendance, "narvaro"),
        (SipTrigger.EstablishPlan, "plan"),
        (SipTrigger.RecordDischarge, "utskrivning"),
        (SipTrigger.RecordFollowUp, "uppfoljning"),
        (SipTrigger.RevisePlan, "plan"),
        (SipTrigger.ConfirmPlanUnchanged, "oforandrad"),
        (SipTrigger.CloseCase, "avslut"),
        (SipTrigger.DocumentClosing, "dokumentera-avslut"),
    ];

    public static string? Slug(SipTrigger trigger) => Forms.FirstOrDefault(f => f.Trigger == trigger).Slug;

    /// <summary>The address of the step's form on this case, or <see langword="null"/> when the demo has none for it here.</summary>
    public static string? Url(SipCase sipCase, SipTrigger trigger)
    {
        // The discharge steps exist in every open state, but act on a stay in inpatient care: without one there is nothing to record.
        var needsStay = trigger is SipTrigger.AppointFixedCareContact or SipTrigger.RecordReadyForDischarge or SipTrigger.RecordDischarge;
        return Slug(trigger) is { } slug && (!needsStay || sipCase.DischargeEpisodes.Count > 0) ? $"/arenden/{sipCase.Id}/steg/{slug}" : null;
    }

    /// <summary>The checklist in working order: the steps with a form first, as a SIP runs, then the rest as the library lists them.</summary>
    public static IReadOnlyList<PermittedAction> InWorkingOrder(IEnumerable<PermittedAction> actions)
        => [.. actions.OrderBy(a => Array.FindIndex(Forms, f => f.Trigger == a.Trigger) is var i and >= 0 ? i : int.MaxValue)];
}
