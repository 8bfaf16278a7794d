using System.Globalization;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing.Internal;

/// <summary>The cases, events and values the contract tests write: realistic, and valid under every policy preset.</summary>
internal static class ContractData
{
    /// <summary>A Monday morning, the tests' "now" unless they move the clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public const string Subject = "patient-7f3a";

    public static SipActor Actor { get; } = new() { UserId = "hsa-vc-1001", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" };

    public static SipActor SocialWorker { get; } = new() { UserId = "kommun-sol-2002", Organisation = "Socialtjänsten Halmstad", Role = "biståndshandläggare" };

    public static OrganisationReference SocialServicesUnit { get; } = new() { Name = "Socialtjänsten Halmstad", Identifier = "SE2120000-0001-SOL" };

    public static OrganisationReference PrimaryCareUnit { get; } = new() { Name = "Vårdcentralen Söder", Identifier = "SE2321000-0001-VCS" };

    public static LeadPrincipal MunicipalLead { get; } = new()
    {
        Principal = PrincipalKind.Municipality,
        Organisation = SocialServicesUnit,
        // The social worker is the coordinator, so that the lead's steps and a protected case's reads are theirs to take.
        Coordinator = new ContactPerson { Name = "Anna Lind", Title = "samordnare", ContactDetails = "035-13 70 00", UserId = "kommun-sol-2002" },
    };

    public static Individual Adult(string reference = Subject) => new() { Reference = new SubjectReference(reference) };

    public static Meeting PlanMeeting(DateTimeOffset startsAt) => new()
    {
        Id = MeetingId.New(),
        Purpose = MeetingPurpose.PlanMeeting,
        StartsAt = startsAt,
        Duration = TimeSpan.FromMinutes(90),
        Form = MeetingForm.OnPremises,
        Place = "Vårdcentralen Söder, rum 3",
        PurposeText = "Samordna insatser inför och efter hemgång",
        Reason = "Behov av insatser från både kommun och region efter utskrivning",
        LongTermGoal = "Att kunna känna mig trygg och bo hemma",
        Questions = ["Vilket stöd behövs i hemmet?", "Hur följs läkemedelsbehandlingen upp?"],
    };

    /// <summary>A plan's content meeting every requirement of every preset.</summary>
    public static SipPlan CompletePlan() => new()
    {
        Goals =
        [
            new() { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Att bo kvar hemma och känna mig trygg" },
            new() { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonrutinen med stöd inom två veckor" },
        ],
        Interventions =
        [
            new() { Id = InterventionId.New(), What = "Hemtjänst morgon och kväll", Responsible = ResponsibleKind.Municipality, When = "dagligen kl. 8 och 20", Where = "i hemmet" },
            new() { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region, When = "inom två veckor", Where = "Vårdcentralen Söder" },
            new() { Id = InterventionId.New(), What = "Promenad med grannen", Responsible = ResponsibleKind.Individual, When = "tisdagar", Where = "i området" },
        ],
        WhatMattersToIndividual = "Att kunna bo kvar i mitt hus med min katt.",
        IndividualParticipation = new IndividualParticipation { Participated = true, Mode = ParticipationMode.InPerson },
        KinParticipation = new KinParticipation { Participated = true, JudgedSuitable = true },
    };

    public static FollowUpBooking FollowUpAt(DateTimeOffset at) => new() { At = at, Place = "Vårdcentralen Söder, rum 3" };

    /// <summary>A case as the engine would open it, to write to a store directly.</summary>
    public static SipCase NewCase(SipCaseId? id = null, string subject = Subject, DateTimeOffset? nextDeadline = null) => new()
    {
        Id = id ?? SipCaseId.New(),
        Version = 1,
        Individual = Adult(subject),
        Origin = CaseOrigin.Outpatient(),
        IdentifiedBy = PrincipalKind.Region,
        OpenedAt = Start,
        NextDeadline = nextDeadline,
    };

    /// <summary>An allowed read of <paramref name="caseId"/> by <see cref="Actor"/>, as the engine logs it.</summary>
    public static SipAccessRecord AccessRecord(SipCaseId caseId) => new()
    {
        CaseId = caseId, At = Start, Actor = Actor, Action = SipAccessAction.ReadCase, Allowed = true, Rule = SipAccessRuleNames.ParticipatingOrganisation,
    };

    /// <summary>The sealed event that produced <paramref name="sipCase"/>'s version, chained to <paramref name="previousHash"/>.</summary>
    public static SipEvent Event(SipCase sipCase, string? previousHash = null, CommandId? commandId = null)
    {
        var unsealed = new SipEvent
        {
            CaseId = sipCase.Id,
            Sequence = sipCase.Version,
            EventType = sipCase.Version == 1 ? SipEventTypes.CaseOpened : SipEventTypes.DeviationRecorded,
            FromState = sipCase.Version == 1 ? null : sipCase.State,
            ToState = sipCase.State,
            Actor = Actor,
            OccurredAt = Start.AddMinutes(sipCase.Version),
            CommandId = commandId,
            Details = new Dictionary<string, string> { ["version"] = sipCase.Version.ToString(CultureInfo.InvariantCulture) },
            PreviousHash = previousHash ?? string.Empty,
            Hash = string.Empty,
        };
        return unsealed with { Hash = SipAuditChain.ComputeHash(unsealed) };
    }

    /// <summary>The next version of a case with its event, chained to <paramref name="previous"/>.</summary>
    public static (SipCase Case, SipEvent Event) Next(SipCase current, SipEvent previous, CommandId? commandId = null, Func<SipCase, SipCase>? change = null)
    {
        var next = (change ?? (c => c))(current) with { Version = current.Version + 1 };
        var e = Event(next, previous.Hash, commandId);
        return (next with { HistoryHead = e.Hash }, e);
    }

    /// <summary>Writes a new case (by default <see cref="NewCase"/>) with its opening event.</summary>
    public static async Task<(SipCase Case, SipEvent Event)> CreateAsync(ISipCaseStore store, SipCase? sipCase = null)
    {
        var c = sipCase ?? NewCase();
        var e = Event(c);
        c = c with { HistoryHead = e.Hash };
        await store.CreateAsync(c, e, TestContext.Current.CancellationToken);
        return (c, e);
    }

    /// <summary>A sealed tombstone for <paramref name="sipCase"/> at its version (plain SHA-256).</summary>
    public static SipTombstone Tombstone(SipCase sipCase)
    {
        var unsealed = new SipTombstone
        {
            CaseId = sipCase.Id, PurgedAt = Start.AddYears(6), Actor = SocialWorker, RecordKind = SipRecordKind.SocialServices, RetentionYears = 5,
            LegalBasis = SipLegalReferences.SocialServicesCulling.Citation, LastEntry = new DateOnly(2026, 3, 2), LastVersion = sipCase.Version,
            LastHeadHash = sipCase.HistoryHead ?? string.Empty, Hash = string.Empty,
        };
        return unsealed with { Hash = SipAuditChain.ComputeTombstoneHash(unsealed) };
    }

    /// <summary>The case as its head: the lists a store may keep apart (<see cref="SipCaseItems.Lists"/>) empty.</summary>
    public static SipCase WithoutListsKeptApart(SipCase c) => c with
    {
        PlanRevisions = [],
        FollowUps = [],
        Evaluations = [],
        SituationChanges = [],
        InterventionStatusChanges = [],
        PlanDistributions = [],
        PlanApprovals = [],
        Deviations = [],
    };

    /// <summary>
    /// Reads the whole feed after <paramref name="after"/> until <paramref name="done"/> holds for what was read, or 30
    /// seconds pass. An acknowledged entry may become readable a moment later (on PostgreSQL, once every transaction that
    /// began before its own has ended, in any database of the cluster), so a test waits for what it expects, then checks.
    /// </summary>
    public static async Task<List<SipFeedEntry>> ReadFeedUntilAsync(ISipCaseStore store, Func<List<SipFeedEntry>, bool> done, long after = 0, int pageSize = 1000)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var all = new List<SipFeedEntry>();
            var position = after;
            while (await store.ReadFeedAsync(position, pageSize, TestContext.Current.CancellationToken) is { Count: > 0 } page)
            {
                all.AddRange(page);
                position = page[^1].Position;
            }

            if (done(all) || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return all;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
