using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Whether a goal is long- or short-term.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GoalHorizon>))]
public enum GoalHorizon
{
    /// <summary>A long-term goal (<i>långsiktigt mål</i>).</summary>
    [JsonStringEnumMemberName("LongTerm")]
    LongTerm = 1,

    /// <summary>A short-term goal (<i>kortsiktigt mål</i>).</summary>
    [JsonStringEnumMemberName("ShortTerm")]
    ShortTerm = 2,
}

/// <summary>
/// A need (<i>behov</i>) the plan answers: Socialstyrelsen's information structure runs behov → mål → insats, so goals
/// and interventions name the need they serve.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Need
{
    /// <summary>The need's id.</summary>
    public required NeedId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    }

    /// <summary>The need, in words the individual recognises.</summary>
    public required string Text
    {
        get;
        init => field = Check.Text(value, nameof(Text), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Shows ids only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Need {Id}";
}

/// <summary>Where an intervention stands (<i>status</i>), updated between follow-ups.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InterventionStatus>))]
public enum InterventionStatus
{
    /// <summary>Planned, not started (<i>planerad</i>).</summary>
    [JsonStringEnumMemberName("Planned")]
    Planned = 1,

    /// <summary>Under way (<i>pågående</i>).</summary>
    [JsonStringEnumMemberName("Ongoing")]
    Ongoing = 2,

    /// <summary>Carried out (<i>genomförd</i>).</summary>
    [JsonStringEnumMemberName("Done")]
    Done = 3,

    /// <summary>Not to be carried out (<i>avbruten</i>); the reason belongs in the change's note.</summary>
    [JsonStringEnumMemberName("Cancelled")]
    Cancelled = 4,
}

/// <summary>A change of an intervention's status between follow-ups (<see cref="UpdateInterventionStatus"/>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record InterventionStatusChange
{
    /// <summary>The intervention, in the plan in force.</summary>
    public required InterventionId InterventionId
    {
        get;
        init => field = Check.Id(value, nameof(InterventionId));
    }

    /// <summary>The new status.</summary>
    public required InterventionStatus Status
    {
        get;
        init => field = Check.Defined(value, nameof(Status));
    }

    /// <summary>A note, e.g. why it was cancelled.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>When it changed. Stamped by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public DateTimeOffset ChangedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(ChangedAt));
    }

    /// <summary>
    /// The plan revision the intervention belongs to. Set by the engine. Whatever a command carries here (from JSON, say)
    /// is replaced.
    /// </summary>
    [JsonInclude]
    public int PlanRevision { get; internal init; }

    /// <summary>Shows ids and codes only, never free text, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"InterventionStatusChange {InterventionId} ({Status})";
}

/// <summary>A goal of the plan (<i>mål</i>), in words everyone understands.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Goal
{
    /// <summary>The goal's id.</summary>
    public required GoalId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    }

    /// <summary>Long- or short-term.</summary>
    public required GoalHorizon Horizon
    {
        get;
        init => field = Check.Defined(value, nameof(Horizon));
    }

    /// <summary>The goal.</summary>
    public required string Text
    {
        get;
        init => field = Check.Text(value, nameof(Text), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The need the goal answers, if linked (<i>behov → mål</i>).</summary>
    public NeedId? NeedId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(NeedId)) : null;
    }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Goal {Id} ({Horizon})";
}

/// <summary>Who is responsible for an intervention or action.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponsibleKind>))]
public enum ResponsibleKind
{
    /// <summary>The municipality (<i>kommunen</i>): an intervention of a principal.</summary>
    [JsonStringEnumMemberName("Municipality")]
    Municipality = 1,

    /// <summary>The region (<i>regionen</i>): an intervention of a principal.</summary>
    [JsonStringEnumMemberName("Region")]
    Region = 2,

    /// <summary>Another actor than kommun or region (<i>annan aktör</i>): an action (<i>åtgärd</i>).</summary>
    [JsonStringEnumMemberName("OtherActor")]
    OtherActor = 3,

    /// <summary>The individual themself (<i>den enskilde</i>): an action.</summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 4,
}

/// <summary>
/// One line of the plan: an intervention (<i>insats</i>) by a principal, or an action (<i>åtgärd</i>) by another actor
/// or the individual — who does what, when (how often) and where.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Intervention
{
    /// <summary>The line's id.</summary>
    public required InterventionId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    }

    /// <summary>What is done (<i>vad</i>).</summary>
    public required string What
    {
        get;
        init => field = Check.Text(value, nameof(What), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Who is responsible (<i>vem</i>).</summary>
    public required ResponsibleKind Responsible
    {
        get;
        init => field = Check.Defined(value, nameof(Responsible));
    }

    /// <summary>The participant (unit or actor) carrying it out, when it is one of the case's participants.</summary>
    public ParticipantId? PerformedBy
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(PerformedBy)) : null;
    }

    /// <summary>When and how often (<i>när, hur ofta</i>), e.g. "måndagar och torsdagar kl. 9".</summary>
    public string? When
    {
        get;
        init => field = Check.OptionalText(value, nameof(When), SipLimits.ShortTextMaxLength);
    }

    /// <summary>Where (<i>var</i>), e.g. "i hemmet", "vårdcentralen".</summary>
    public string? Where
    {
        get;
        init => field = Check.OptionalText(value, nameof(Where), SipLimits.ShortTextMaxLength);
    }

    /// <summary>The goal this line serves, if linked.</summary>
    public GoalId? GoalId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(GoalId)) : null;
    }

    /// <summary>The need this line answers, if linked (<i>behov → insats</i>).</summary>
    public NeedId? NeedId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(NeedId)) : null;
    }

    /// <summary>Where it stands when the plan is established or revised; later changes are <see cref="SipCase.InterventionStatusChanges"/>.</summary>
    /// <value>The default is <see cref="InterventionStatus.Planned"/>.</value>
    public InterventionStatus Status
    {
        get;
        init => field = Check.Defined(value, nameof(Status));
    } = InterventionStatus.Planned;

    /// <summary>Whether a principal (kommun or region) is responsible: an intervention rather than an action by others.</summary>
    [JsonIgnore]
    public bool IsByPrincipal => Responsible is ResponsibleKind.Municipality or ResponsibleKind.Region;

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Intervention {Id} ({Responsible})";
}

/// <summary>How the individual took part in making the plan.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record IndividualParticipation
{
    /// <summary>The individual took part (in person, digitally, by phone or in writing).</summary>
    public required bool Participated { get; init; }

    /// <summary>How they took part, when they did.</summary>
    public ParticipationMode? Mode
    {
        get;
        init => field = value is { } m ? Check.Defined(m, nameof(Mode)) : null;
    }

    /// <summary>Why they could not take part, when they did not (the law asks for the plan to be made with them "when possible").</summary>
    public string? ReasonNotParticipating
    {
        get;
        init => field = Check.OptionalText(value, nameof(ReasonNotParticipating), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"IndividualParticipation (participated: {Participated})";
}

/// <summary>Whether next of kin (<i>närstående</i>) took part, and on what footing.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record KinParticipation
{
    /// <summary>Next of kin took part in making the plan.</summary>
    public required bool Participated { get; init; }

    /// <summary>
    /// Next of kin were offered the chance to take part (<i>getts möjlighet att delta</i>), whether or not they did; only
    /// where it is suitable and the individual does not object.
    /// </summary>
    public bool Offered { get; init; }

    /// <summary>It was judged suitable that they take part (<i>lämpligt</i>).</summary>
    public bool JudgedSuitable { get; init; }

    /// <summary>The individual objected to their taking part (<i>motsätter sig</i>).</summary>
    public bool IndividualObjected { get; init; }
}

/// <summary>
/// The plan (<i>planen</i>) as established at a meeting, or as revised after a follow-up. The statutory minimum
/// (16 kap. 4 § HSL; 10 kap. 8 § socialtjänstlagen (2025:400), before 1 July 2025 2 kap. 7 § SoL (2001:453)) is: the interventions needed, which interventions each principal is responsible
/// for, the actions others take, and the lead principal (held on the case).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipPlan
{
    /// <summary>
    /// 1 for the plan established at the first meeting; one more for each revision. Set by the engine. Whatever a command
    /// carries here (from JSON, say) is replaced.
    /// </summary>
    [JsonInclude]
    public int Revision { get; internal init; }

    /// <summary>
    /// When this revision was established. Stamped by the engine. Whatever a command carries here (from JSON, say) is
    /// replaced.
    /// </summary>
    [JsonInclude]
    public DateTimeOffset EstablishedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(EstablishedAt));
    }

    /// <summary>
    /// The lead principal and coordinator when this revision was established, so every revision holds all four statutory
    /// items on its own. Set by the engine from <see cref="PlanCommand.LeadPrincipal"/> or the case's; <see langword="null"/> on
    /// revisions stored before it was kept. Whatever a command carries here (from JSON, say) is replaced.
    /// </summary>
    [JsonInclude]
    public LeadPrincipal? LeadPrincipal { get; internal init; }

    /// <summary>
    /// The follow-up booked when this revision was established. Set by the engine from <see cref="PlanCommand.FollowUpBooking"/>
    /// or the case's. Whatever a command carries here (from JSON, say) is replaced.
    /// </summary>
    [JsonInclude]
    public FollowUpBooking? FollowUpBooking { get; internal init; }

    /// <summary>The meeting it was established at, if recorded.</summary>
    public MeetingId? MeetingId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(MeetingId)) : null;
    }

    /// <summary>The needs the plan answers (<i>behov</i>); goals and interventions may name the need they serve.</summary>
    public IReadOnlyList<Need> Needs
    {
        get;
        init => field = Check.List(value, nameof(Needs), SipLimits.MaxItems);
    } = SipList<Need>.Empty;

    /// <summary>Long- and short-term goals.</summary>
    public IReadOnlyList<Goal> Goals
    {
        get;
        init => field = Check.List(value, nameof(Goals), SipLimits.MaxItems);
    } = SipList<Goal>.Empty;

    /// <summary>The interventions and actions: who does what, when and where.</summary>
    public IReadOnlyList<Intervention> Interventions
    {
        get;
        init => field = Check.List(value, nameof(Interventions), SipLimits.MaxItems);
    } = SipList<Intervention>.Empty;

    /// <summary>
    /// The principals that have no intervention in the plan at present (<i>ingen insats från huvudmannen för
    /// närvarande</i>): the plan states what each principal answers for, and this is that statement for a principal with
    /// none. A principal listed here has no intervention line.
    /// </summary>
    public IReadOnlyList<PrincipalKind> NoInterventionsFrom
    {
        get;
        init => field = Check.List(value, nameof(NoInterventionsFrom), 2);
    } = SipList<PrincipalKind>.Empty;

    /// <summary>
    /// States explicitly that no one other than kommun and region takes any action, so that the statutory item
    /// "actions by others" is answered even when there are none.
    /// </summary>
    public bool NoActionsByOthers { get; init; }

    /// <summary>What matters to the individual, in their own words ("Vad är viktigt för dig?").</summary>
    public string? WhatMattersToIndividual
    {
        get;
        init => field = Check.OptionalText(value, nameof(WhatMattersToIndividual), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>How the individual took part.</summary>
    public IndividualParticipation? IndividualParticipation { get; init; }

    /// <summary>Whether next of kin took part.</summary>
    public KinParticipation? KinParticipation { get; init; }

    /// <summary>The lines carried out by a principal (<i>insatser</i>).</summary>
    [JsonIgnore]
    public IEnumerable<Intervention> ByPrincipals => Interventions.Where(i => i.IsByPrincipal);

    /// <summary>The lines carried out by others than kommun and region (<i>åtgärder</i>).</summary>
    [JsonIgnore]
    public IEnumerable<Intervention> ActionsByOthers => Interventions.Where(i => !i.IsByPrincipal);

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"SipPlan revision {Revision} ({Goals.Count} goals, {Interventions.Count} interventions)";
}
