using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Opens a case: the need is identified (<i>upptäck behov</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record OpenCase : SipCommand
{
    /// <summary>The new case's id; a new one unless given.</summary>
    public SipCaseId CaseId
    {
        get;
        init => field = Check.Id(value, nameof(CaseId));
    } = SipCaseId.New();

    /// <summary>The individual.</summary>
    public required Individual Individual
    {
        get;
        init => field = Check.NotNull(value, nameof(Individual));
    }

    /// <summary>Where the need was identified.</summary>
    public required CaseOrigin Origin
    {
        get;
        init => field = Check.NotNull(value, nameof(Origin));
    }

    /// <summary>The principal that judged the need.</summary>
    public required PrincipalKind IdentifiedBy
    {
        get;
        init => field = Check.Defined(value, nameof(IdentifiedBy));
    }

    /// <summary>The unit that identified the need, if given.</summary>
    public OrganisationReference? IdentifyingUnit { get; init; }

    /// <summary>
    /// The policy the case is opened under, by <see cref="SipPolicy.Name"/>: any the engine knows
    /// (<see cref="ISipWorkflow.Policies"/>), so that one host serves several regional agreements. The case runs under it
    /// for its whole life.
    /// </summary>
    /// <value>The default is the engine's policy (<see cref="SipWorkflowOptions.Policy"/>).</value>
    /// <exception cref="ArgumentException">The name is empty or longer than a policy name may be.</exception>
    public string? Policy
    {
        get;
        init => field = value is null ? null : Check.Text(value, nameof(Policy), SipLimits.NameMaxLength);
    }

    /// <summary>The closed case this one restarts (close and restart), if any; it must be closed.</summary>
    public SipCaseId? PreviousCaseId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(PreviousCaseId)) : null;
    }

    /// <summary>
    /// The same SIP's case in the system that sent it, when this case is opened from a received summons or plan (the
    /// region's case for a municipality's, or the other way round); more are linked later with <see cref="LinkExternalCase"/>.
    /// </summary>
    public ExternalCaseReference? ExternalReference { get; init; }

    internal override string EventType => SipEventTypes.CaseOpened;

    // An earlier open is found by the command id alone; its fingerprint then tells a retry (the same case id, the same
    // individual) from another open under a reused id, which is refused rather than answered with the other case.
    internal override SipCaseId? TargetCaseId => null;

    internal override async ValueTask<SipApplied> ApplyAsync(SipCase? current, SipCommandContext context, CancellationToken cancellationToken)
    {
        var individual = Individual.Validated(nameof(Individual), SipLegalReferences.SwedishDateOf(context.Now));
        EnsureNotSent(individual.ComingOfAge is not null, $"{nameof(Individual)}.{nameof(Workflow.Individual.ComingOfAge)}",
            "when a child's day of coming of age is recorded (ChangeIndividual.ComingOfAge)");
        var origin = Origin.Validated(nameof(Origin));
        if (origin.ReadyForDischargeAt is { } ready)
        {
            Check.Recorded(ready, context.Now, nameof(CaseOrigin.ReadyForDischargeAt));
        }

        if (origin.AdmittedAt is { } admitted)
        {
            Check.Recorded(admitted, context.Now, nameof(CaseOrigin.AdmittedAt));
        }

        if (PreviousCaseId is { } previousId)
        {
            var previous = await context.Store.GetAsync(previousId, cancellationToken).ConfigureAwait(false);
            if (previous is null || previous.IsOpen)
            {
                throw new ArgumentException(
                    $"'{nameof(PreviousCaseId)}' must name a closed case; case {previousId} is {(previous is null ? "unknown" : "still open")}.",
                    nameof(PreviousCaseId));
            }

            if (!string.Equals(previous.Individual.Reference.Value, individual.Reference.Value, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"'{nameof(PreviousCaseId)}' names case {previousId}, which is for another individual; a restart is for the same individual.",
                    nameof(PreviousCaseId));
            }
        }

        var opened = new SipCase
        {
            Id = CaseId,
            Individual = individual,
            Origin = origin,
            IdentifiedBy = IdentifiedBy,
            IdentifyingUnit = IdentifyingUnit,
            OpenedAt = context.Now,
            OpenedBy = Actor,
            PolicyName = context.Policy.Name,
            PreviousCaseId = PreviousCaseId,
            ExternalReferences = ExternalReference is { } external ? [external] : [],

            // A discharge case starts its first stay: the summons deadline runs from the stay's standing notice.
            DischargeEpisodes = origin.Kind == OriginKind.InpatientDischarge
                ? [new DischargeEpisode
                {
                    AdmittedAt = origin.AdmittedAt,
                    ReadyNotices = origin.ReadyForDischargeAt is { } notice ? [new ReadyForDischargeNotice { NotifiedAt = notice }] : [],
                }]
                : [],
        };
        return new SipApplied(opened, Details(("origin", origin.Kind.ToString()), ("identifiedBy", IdentifiedBy.ToString()),
            ("previousCaseId", PreviousCaseId?.ToString())));
    }
}
