using System.Globalization;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// What every command carries: who issues it, and optionally an id that makes a retry safe. Run a command with
/// <see cref="ISipWorkflow.ExecuteAsync"/> or with the typed step methods of <see cref="SipWorkflowCommands"/>.
/// </summary>
/// <remarks>
/// The set of commands is closed: each one is a step of the SIP process the engine knows how to apply, so a host cannot
/// add its own (the internal members below cannot be implemented outside the library).
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public abstract record SipCommand
{
    private protected SipCommand()
    {
    }

    /// <summary>Shows the command's kind and id only: commands carry plan text and personal data that must not reach a log.</summary>
    public sealed override string ToString() => CommandId is { } id ? $"{GetType().Name} {id}" : GetType().Name;

    /// <summary>Who issues the command; required — there are no anonymous changes.</summary>
    public required SipActor Actor
    {
        get;
        init => field = Check.NotNull(value, nameof(Actor));
    }

    /// <summary>
    /// The idempotency key. Sending a command again with the same id (after a time-out, say) applies nothing a second
    /// time and returns the first result. Leave it out and every call is a new command.
    /// </summary>
    public CommandId? CommandId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(CommandId)) : null;
    }

    /// <summary>The event type this command writes to the history (one of <see cref="SipEventTypes"/>).</summary>
    internal abstract string EventType { get; }

    /// <summary>
    /// By how many percent the command may cross the case limits: ending the SIP and withdrawing consent (10) and changing
    /// the individual's details, protected identity among them (5), must stay possible on a case that is full, or a limit
    /// would keep a case open against the law. The tiers differ so that repeating the smaller never uses up the larger.
    /// </summary>
    internal virtual int LimitReservePercent => 0;

    /// <summary>The case the command is about, when it names one already (every command but opening a case).</summary>
    internal abstract SipCaseId? TargetCaseId { get; }

    /// <summary>
    /// Applies the command's data to the case as loaded (<see langword="null"/> for a new case). Every check here throws
    /// before anything is saved; the requirements the process guards are left to the Stateless guards, so that a
    /// missing plan item is reported with the others.
    /// </summary>
    internal abstract ValueTask<SipApplied> ApplyAsync(SipCase? current, SipCommandContext context, CancellationToken cancellationToken);
}

/// <summary>A command on an existing case: a step of the process on <see cref="CaseId"/>.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public abstract record SipCaseCommand : SipCommand
{
    private protected SipCaseCommand()
    {
    }

    /// <summary>The case.</summary>
    public required SipCaseId CaseId
    {
        get;
        init => field = Check.Id(value, nameof(CaseId));
    }

    /// <summary>
    /// The case version the issuer saw, or <see langword="null"/> to apply the command to whatever version is current.
    /// Set it when the command was composed from a case read earlier (a form, a page in a browser): if the case has changed
    /// since, the command is refused with <see cref="SipConcurrencyException"/> and nothing is saved, so a decision is never
    /// applied to a case its author has not seen. A host serving HTTP uses <see cref="SipCase.Version"/> as the ETag and
    /// puts the If-Match value here.
    /// </summary>
    /// <value>The default is none; 1 or more when given.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 (every stored case is at version 1 or later).</exception>
    public long? ExpectedVersion
    {
        get;
        init => field = value is < 1
            ? throw new ArgumentOutOfRangeException(nameof(ExpectedVersion), value, $"'{nameof(ExpectedVersion)}' is {value}; a case's version is 1 or more (leave it out to apply to the current version).")
            : value;
    }

    /// <summary>The step of the process this command takes.</summary>
    internal abstract SipTrigger Trigger { get; }

    internal sealed override SipCaseId? TargetCaseId => CaseId;

    internal sealed override ValueTask<SipApplied> ApplyAsync(SipCase? current, SipCommandContext context, CancellationToken cancellationToken)
        => new(Apply(current!, context));

    /// <summary>How the command changes the staging copy of the case; pure, and throws before anything is saved.</summary>
    internal abstract SipApplied Apply(SipCase current, SipCommandContext context);
}

/// <summary>What a command's apply step may need besides the case and the command.</summary>
/// <param name="Now">The engine's clock reading for this command; every time the command stamps is this one.</param>
/// <param name="Policy">The policy the case runs under.</param>
/// <param name="Language">The engine's language, for texts the library writes into the case.</param>
/// <param name="Store">The store, for the rare command that must read another case (a restart names the closed one).</param>
internal readonly record struct SipCommandContext(DateTimeOffset Now, SipPolicy Policy, SipLanguage Language, ISipCaseStore Store);

/// <summary>
/// The outcome of applying a command's data to the staging copy: the changed case, the event's details, and the party the
/// step adds or the parties a meeting disclosed to (the guards check that the consent covers them and that next of kin
/// were asked first).
/// </summary>
internal readonly record struct SipApplied(
    SipCase Case, IReadOnlyDictionary<string, string> Details, Participant? Party = null, IReadOnlyList<Participant>? Parties = null)
{
    /// <summary>Every party the step discloses to, besides a summons' addressees.</summary>
    public IReadOnlyList<Participant> Disclosed => Parties ?? (Party is { } party ? [party] : []);
}

/// <summary>Small helpers the commands share when they apply themselves.</summary>
internal static class CommandHelpers
{
    public static IReadOnlyDictionary<string, string> Details(params ReadOnlySpan<(string Key, string? Value)> pairs) => SipDetails.Of(pairs);

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Flag(bool b) => b ? "true" : "false";

    public static string Moment(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    public static Participant Participant(SipCase c, ParticipantId id, string paramName)
        => c.FindParticipant(Check.Id(id, paramName))
            ?? throw new ArgumentException($"'{paramName}' names {id}, which is not a participant of this case.", paramName);

    /// <summary>The latest summons for a meeting, checked to have been sent: what a recipient's reply or delivery refers to.</summary>
    public static Summons SentSummons(SipCase c, MeetingId meetingId, string meetingParam, string what)
        => c.LatestSummons(meetingId)
            ?? throw new ArgumentException($"No summons has been sent for meeting {meetingId}; {what} is recorded once it is sent.", meetingParam);

    /// <summary>A summons for a meeting to every called unit and invited actor still taking part, as the case stands.</summary>
    public static Summons SummonsTo(SipCase c, MeetingId meetingId, DateTimeOffset sentAt) => new()
    {
        MeetingId = meetingId,
        SentAt = sentAt,
        Called = [.. c.CalledPrincipals.Select(p => p.Id)],
        Invited = [.. c.ActiveParticipants.Where(p => p.Role == ParticipationRole.Invited).Select(p => p.Id)],
        InterpreterLanguage = c.Individual.InterpreterLanguage,
        ProtectedIdentity = c.Individual.HasProtectedIdentity,
    };

    /// <summary>Checks that a reply or delivery is not dated before the summons it refers to.</summary>
    public static void NotBeforeSummons(Summons summons, DateTimeOffset at, string atParam)
    {
        if (at < summons.SentAt)
        {
            throw new ArgumentOutOfRangeException(atParam, at, $"'{atParam}' is {Moment(at)}, before the summons was sent ({Moment(summons.SentAt)}).");
        }
    }

    public static T[] Replace<T>(IReadOnlyList<T> items, T old, T replacement)
        where T : class
        => [.. items.Select(x => ReferenceEquals(x, old) ? replacement : x)];

    /// <summary>The case with the decision after its pending follow-up recorded; unchanged when no follow-up awaits one.</summary>
    public static SipCase Decided(SipCase c, FollowUpOutcome outcome)
        => c is { State: SipState.FollowUp, FollowUps: [.., { Outcome: null } last] }
            ? c with { FollowUps = Replace(c.FollowUps, last, last with { Outcome = outcome }) }
            : c;

    /// <summary>
    /// The case closed: the closing recorded, a booked follow-up cancelled with the SIP, and a follow-up awaiting its
    /// decision given the outcome the closing is.
    /// </summary>
    public static SipCase Closed(SipCase c, ClosureReason reason, DateTimeOffset at, string? note, bool restartRequested = false)
        => Decided(c, restartRequested ? FollowUpOutcome.ClosedForRestart : FollowUpOutcome.Closed) with
        {
            Closure = new Closure { Reason = reason, ClosedAt = at, Note = note, RestartRequested = restartRequested },
            FollowUpBooking = null,
        };

    /// <summary>
    /// Refuses a value that arrives with a member the engine sets. A host cannot set such a member in C#, but a command
    /// read from JSON (an HTTP body) can, since the member must read back from a stored case; left at its default, as a
    /// command built in C# has it, it passes. Members the engine merely stamps are overwritten instead; this is for those
    /// whose presence means the sender mistook what the step does.
    /// </summary>
    /// <param name="isSet">Whether the member arrived with a value.</param>
    /// <param name="path">The member's path from the command (<c>Consent.Withdrawals</c>): the refusal's parameter name.</param>
    /// <param name="setBy">When the engine sets it, and with which step (<c>when consent is withdrawn (WithdrawConsent)</c>).</param>
    public static void EnsureNotSent(bool isSet, string path, string setBy)
    {
        if (isSet)
        {
            throw new ArgumentException($"'{path}' is set by the engine {setBy}; leave it out.", path);
        }
    }

    /// <summary>A participant being added takes part: it has neither forwarded a summons nor had consent withdrawn towards it.</summary>
    public static void EnsureNewParticipant(Participant participant, string paramName)
    {
        EnsureNotSent(participant.ForwardedTo is not null, $"{paramName}.{nameof(Workflow.Participant.ForwardedTo)}",
            "when a summons is forwarded (ForwardSummons)");
        EnsureNotSent(participant.ConsentWithdrawnAt is not null, $"{paramName}.{nameof(Workflow.Participant.ConsentWithdrawnAt)}",
            "when consent is withdrawn towards a party (WithdrawConsent.Party)");
    }

    /// <summary>A revision of the case's plan, by number.</summary>
    public static SipPlan PlanRevision(SipCase c, int revision, string paramName)
        => c.PlanRevisions.FirstOrDefault(p => p.Revision == revision)
            ?? throw new ArgumentException(
                c.PlanRevisions.Count == 0
                    ? $"'{paramName}' is {revision}, but no plan is established yet."
                    : $"'{paramName}' is {revision}; the plan's revisions are 1 to {c.PlanRevisions[^1].Revision}.",
                paramName);

    /// <summary>The stay the discharge steps act on: the latest, not yet discharged.</summary>
    public static DischargeEpisode CurrentStay(SipCase c, string paramName)
        => c.CurrentDischarge is { IsDischarged: false } stay
            ? stay
            : throw new ArgumentException(
                c.CurrentDischarge is null
                    ? "The case has no stay in inpatient care; record the admission (RecordAdmission) first."
                    : "The patient's last stay has ended (discharged); record a new admission (RecordAdmission) first.",
                paramName);

    /// <summary>The case with its current stay replaced.</summary>
    public static SipCase ReplaceStay(SipCase c, DischargeEpisode stay)
        => c with { DischargeEpisodes = [.. c.DischargeEpisodes.Take(c.DischargeEpisodes.Count - 1), stay] };

    /// <summary>
    /// The facts that belong to one kind of party only: a school's principal to a school, a kin assessment to next of kin,
    /// and an assessment not dated in the future.
    /// </summary>
    public static void EnsurePartyFacts(Participant participant, DateTimeOffset now, string paramName)
    {
        if (participant.SchoolPrincipal is not null && participant.Kind != ParticipantKind.School)
        {
            throw new ArgumentException(
                $"'{paramName}.{nameof(Workflow.Participant.SchoolPrincipal)}' is for a school; this participant is {participant.Kind}.",
                $"{paramName}.{nameof(Workflow.Participant.SchoolPrincipal)}");
        }

        if (participant.KinAssessment is { } assessment)
        {
            if (participant.Kind != ParticipantKind.NextOfKin)
            {
                throw new ArgumentException(
                    $"'{paramName}.{nameof(Workflow.Participant.KinAssessment)}' is for next of kin; this participant is {participant.Kind}.",
                    $"{paramName}.{nameof(Workflow.Participant.KinAssessment)}");
            }

            Check.Recorded(assessment.AssessedAt, now, $"{paramName}.{nameof(Workflow.Participant.KinAssessment)}.{nameof(KinAssessment.AssessedAt)}");
        }
    }

    /// <summary>A called principal's substitute must have the mandate to decide (<i>ersättare med mandat att fatta beslut</i>).</summary>
    public static void EnsureSubstituteMayDecide(Participant participant, string paramName)
    {
        if (participant is { Role: ParticipationRole.Called, Substitute.HasMandateToDecide: false })
        {
            throw new ArgumentException(
                "A called principal's substitute must have the mandate to decide (ersättare med mandat att fatta beslut).", paramName);
        }
    }

    /// <summary>The lead principal is one of the case's called principals: the unit named must be called for that principal.</summary>
    public static LeadPrincipal EnsureCalledPrincipal(SipCase c, LeadPrincipal lead, string paramName)
    {
        var candidates = c.CalledPrincipals.Where(p => p.Principal == lead.Principal).ToList();
        if (!candidates.Any(p => p.Organisation == lead.Organisation))
        {
            var allowed = candidates.Count == 0
                ? $"the case has no called unit of the {lead.Principal} yet"
                : "called units of the " + lead.Principal + ": " + string.Join(", ", candidates.Select(p => Describe(p.Organisation)));
            throw new ArgumentException(
                $"'{paramName}' names {Describe(lead.Organisation)} for the {lead.Principal}, which is not a called unit of that principal on this case " +
                $"({allowed}). The lead principal is one of the called principals.", paramName);
        }

        return lead;

        // Units are matched by name and identifier, so both are shown: two units of one name differ by identifier only.
        static string Describe(OrganisationReference unit) => unit.Identifier is { } id ? $"'{unit.Name}' ({id})" : $"'{unit.Name}' (no identifier)";
    }
}
