using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.PlanDocument;

/// <summary>One party in the plan document: who they are, whether called or invited, and whether they came.</summary>
internal sealed record PlanParty(Participant Participant, AttendanceStatus? Attendance);

/// <summary>
/// The plan as the document everyone who took part gets a copy of (<i>alla får ett exemplar</i>), laid out like the
/// regional SIP templates: the person, who took part, what matters to them, needs, goals, who does what when and where,
/// the lead principal and coordinator, and the follow-up.
/// </summary>
/// <remarks>
/// This is the plan as the caseworker reads it inside the application, with its navigation. The copy that is sent out
/// (to the individual, the participants, the archive) is the library's own <see cref="SipPlanDocument"/>, served whole at
/// <c>/arenden/{id}/plan/dokument</c> and linked from the plan page.
/// </remarks>
internal sealed record PlanDocumentView(CaseView View, SipPlan Plan, Meeting? Meeting, IReadOnlyList<PlanParty> Parties, string LegalBasis)
{
    public SipCase Case => View.Case;

    public IEnumerable<Intervention> ByPrincipals => Plan.Interventions.Where(i => i.IsByPrincipal);

    public IEnumerable<Intervention> ByOthers => Plan.Interventions.Where(i => !i.IsByPrincipal);

    public string Performer(Intervention line) => line.PerformedBy is { } id && Case.FindParticipant(id) is { } p ? p.Organisation.Name : "–";

    public InterventionStatus Status(Intervention line) => Case.StatusOf(line.Id) ?? line.Status;

    /// <summary>The plan in force, or <see langword="null"/> before one is established.</summary>
    public static PlanDocumentView? For(CaseView view)
    {
        if (view.Case.Plan is not { } plan)
        {
            return null;
        }

        var meeting = plan.MeetingId is { } id ? view.Case.Meetings.FirstOrDefault(m => m.Id == id) : null;
        var parties = view.Case.Participants
            .Select(p => new PlanParty(p, meeting?.Attendance.FirstOrDefault(a => a.ParticipantId == p.Id)?.Status))
            .Where(p => p.Participant.IsActive || p.Attendance is not null)
            .ToList();
        // The statutory content of the plan, citing the law in force the day this revision was established.
        var basis = SipRequirements.PlanInterventions.CitationOn(SipLegalReferences.SwedishDateOf(plan.EstablishedAt));
        return new PlanDocumentView(view, plan, meeting, parties, basis);
    }
}
