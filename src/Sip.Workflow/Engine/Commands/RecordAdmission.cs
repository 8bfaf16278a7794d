using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records an admission to inpatient care (the admission notice, <i>inskrivningsmeddelande</i>): starts a new stay. On a
/// case whose plan is established, the plan is then to be followed up — revised, or closed and restarted with new
/// consent (Västra Götaland, <see cref="SipRequirements.FollowUpAfterAdmission"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordAdmission : SipCaseCommand
{
    /// <summary>When the patient was admitted; not in the future.</summary>
    public required DateTimeOffset AdmittedAt
    {
        get;
        init => field = Check.Moment(value, nameof(AdmittedAt));
    }

    /// <summary>The inpatient unit, if given.</summary>
    public OrganisationReference? Ward { get; init; }

    internal override SipTrigger Trigger => SipTrigger.RecordAdmission;

    internal override string EventType => SipEventTypes.AdmissionRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        Check.Recorded(AdmittedAt, context.Now, nameof(AdmittedAt));
        if (current.CurrentDischarge is { IsDischarged: false } stay)
        {
            throw new ArgumentException(
                stay.AdmittedAt is null && current.DischargeEpisodes.Count == 1
                    ? "The case was opened on a stay that has not ended; record its discharge (RecordDischarge) before a new admission."
                    : "The patient's current stay has not ended; record its discharge (RecordDischarge) before a new admission.",
                nameof(AdmittedAt));
        }

        if (current.CurrentDischarge?.DischargedAt is { } discharged && AdmittedAt < discharged)
        {
            throw new ArgumentOutOfRangeException(nameof(AdmittedAt), AdmittedAt, $"'{nameof(AdmittedAt)}' lies before the last discharge; a new stay starts after it.");
        }

        var episode = new DischargeEpisode { AdmittedAt = AdmittedAt, Ward = Ward };
        return new SipApplied(current with { DischargeEpisodes = [.. current.DischargeEpisodes, episode] },
            Details(("admittedAt", Moment(AdmittedAt)), ("stay", Count(current.DischargeEpisodes.Count + 1)),
                ("planEstablished", Flag(current.PlanRevisions.Count > 0))));
    }
}
