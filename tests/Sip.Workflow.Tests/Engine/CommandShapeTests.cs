using System.Reflection;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>
/// The shape the engine promises hosts: commands carry the domain's values, what the engine owns cannot be set by a host,
/// the set of commands is closed, and <see cref="ISipWorkflow"/> is narrow enough for a decorator to wrap one method.
/// </summary>
public sealed class CommandShapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Type[] Commands =
    [
        .. typeof(SipCommand).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(SipCommand)) && !t.IsAbstract),
    ];

    public static TheoryData<string, string> EngineOwnedMembers() => new()
    {
        { nameof(Participant), nameof(Participant.Role) },
        { nameof(Participant), nameof(Participant.ForwardedTo) },
        { nameof(Consent), nameof(Consent.WithdrawnAt) },
        { nameof(SipPlan), nameof(SipPlan.Revision) },
        { nameof(SipPlan), nameof(SipPlan.EstablishedAt) },
        { nameof(FollowUpRecord), nameof(FollowUpRecord.PlanRevision) },
        { nameof(FollowUpRecord), nameof(FollowUpRecord.Early) },
        { nameof(Deviation), nameof(Deviation.RecordedAt) },
    };

    [Theory]
    [MemberData(nameof(EngineOwnedMembers))]
    public void A_member_the_engine_owns_cannot_be_set_by_a_host(string type, string member)
    {
        var property = typeof(SipCase).Assembly.GetType("Sip.Workflow." + type)!.GetProperty(member)!;
        property.GetMethod!.IsPublic.Should().BeTrue("hosts read it");
        property.SetMethod!.IsPublic.Should().BeFalse($"{type}.{member} is stamped by the engine, not handed in");
    }

    [Fact]
    public void Every_command_is_sealed_and_the_hierarchy_cannot_be_extended_by_a_host()
    {
        Commands.Should().OnlyContain(t => t.IsSealed);
        var open = typeof(SipCommand).GetMethods(BindingFlags.Instance | BindingFlags.NonPublic).Where(m => m.IsAbstract).ToList();
        open.Should().NotBeEmpty().And.OnlyContain(m => m.IsAssembly, "only the library can implement what a command must implement");
        typeof(SipCommand).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => c.GetParameters().Length == 0).Should().OnlyContain(c => c.IsFamilyAndAssembly);
    }

    [Fact]
    public void Every_command_writes_its_own_past_tense_event_type()
    {
        var published = typeof(SipEventTypes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        var written = Commands.Select(t => (string)t.GetProperty("EventType", BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t))!).ToList();
        written.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(published, "every event type is published and each belongs to one command");
        // A past participle as a word of its own: …ed, or the irregular Withdrawn and Sent.
        published.Should().OnlyContain(e => System.Text.RegularExpressions.Regex.IsMatch(e, "(ed|Withdrawn|Sent)([A-Z]|$)"),
            "event types say what happened, in the past tense");
    }

    [Fact]
    public void Every_command_has_a_typed_step_method_named_after_it()
    {
        var steps = typeof(SipWorkflowCommands).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(m => m.GetParameters()[1].ParameterType, m => m.Name);
        foreach (var command in Commands)
        {
            steps.Should().ContainKey(command).WhoseValue.Should().Be(command.Name + "Async");
        }
    }

    [Fact]
    public void The_engine_interface_is_one_command_method_and_the_queries()
        => typeof(ISipWorkflow).GetMethods().Select(m => m.Name).Should().BeEquivalentTo(
        [
            nameof(ISipWorkflow.ExecuteAsync), nameof(ISipWorkflow.GetCaseAsync), nameof(ISipWorkflow.GetHistoryAsync),
            nameof(ISipWorkflow.VerifyHistoryAsync), nameof(ISipWorkflow.GetPermittedActionsAsync), nameof(ISipWorkflow.GetDueWorkAsync),
            nameof(ISipWorkflow.QueryCasesAsync), nameof(ISipWorkflow.GetProcessDiagram), nameof(ISipWorkflow.ReadEventsAsync),
            nameof(ISipWorkflow.ReadCaseAsync), nameof(ISipWorkflow.ReadHistoryAsync), nameof(ISipWorkflow.ReadDueWorkAsync), nameof(ISipWorkflow.ReadCasesAsync), nameof(ISipWorkflow.ReadPermittedActionsAsync),
            nameof(ISipWorkflow.GetCheckpointAsync), nameof(ISipWorkflow.VerifyAgainstCheckpointAsync), nameof(ISipWorkflow.VerifyStoreAsync),
            nameof(ISipWorkflow.GetDueForGallringAsync), nameof(ISipWorkflow.PurgeCaseAsync), "get_" + nameof(ISipWorkflow.Policies),
        ]);

    [Fact]
    public async Task A_decorator_that_wraps_ExecuteAsync_sees_every_step_a_host_takes_through_the_typed_methods()
    {
        var s = new SipScenario();
        var seen = new List<string>();
        ISipWorkflow decorated = new Recording(s.Workflow, seen);

        var opened = await decorated.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        }, Ct);
        await decorated.RecordConsentAsync(new RecordConsent
        {
            CaseId = opened.Case.Id, Actor = s.Actor,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = s.Time.GetUtcNow() },
        }, Ct);
        await decorated.StartPreparationAsync(new StartPreparation { CaseId = opened.Case.Id, Actor = s.Actor }, Ct);

        seen.Should().Equal(nameof(OpenCase), nameof(RecordConsent), nameof(StartPreparation));
        (await s.Workflow.GetCaseAsync(opened.Case.Id, Ct))!.State.Should().Be(SipState.Preparing);
    }

    [Fact]
    public async Task The_engine_stamps_what_it_owns_whatever_the_host_built()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var added = await s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor, Participant = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.NextOfKin, KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) },
        }, Ct);
        added.Case.Participants[^1].Role.Should().Be(ParticipationRole.Invited, "the policy decides the role from the kind");

        s.Time.Advance(TimeSpan.FromHours(1));
        var recorded = await s.Workflow.RecordDeviationAsync(new RecordDeviation
        {
            CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Kallelsen kom fram sent." },
        }, Ct);
        recorded.Case.Deviations[^1].RecordedAt.Should().Be(s.Time.GetUtcNow());
    }

    [Fact]
    public async Task Engine_owned_data_smuggled_in_a_value_object_is_refused_and_changes_nothing()
    {
        // A host cannot set these members in code, but a value copied with 'with' from a stored one, or bound by
        // reflection-based JSON, can carry them; the engine refuses them instead of storing them.
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var social = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);

        var forwarded = () => s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor,
            Participant = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.MunicipalHealthCare, ForwardedTo = social.Id },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, forwarded)).ParamName.Should().Be("Participant.ForwardedTo");

        var withdrawn = () => s.Workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = c.Id, Actor = s.Actor,
            Consent = new Consent
            {
                Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = s.Time.GetUtcNow(), WithdrawnAt = s.Time.GetUtcNow(),
            },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, withdrawn)).ParamName.Should().Be("Consent.WithdrawnAt");
    }

    [Fact]
    public async Task A_called_unit_added_with_a_substitute_without_mandate_is_refused()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        var noMandate = new Substitute { Person = new ContactPerson { Name = "Per Ek" }, HasMandateToDecide = false };

        var add = () => s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor,
            Participant = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.MunicipalHealthCare, Substitute = noMandate },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, add)).ParamName.Should().Be("Participant.Substitute");

        var invited = await s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor,
            Participant = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.NextOfKin, Substitute = noMandate, KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) },
        }, Ct);
        invited.Case.Participants.Should().ContainSingle(p => p.Kind == ParticipantKind.NextOfKin, "an invited actor's substitute needs no mandate");
    }

    private sealed class Recording(ISipWorkflow inner, List<string> seen) : ISipWorkflow
    {
        public Task<SipCommandResult> ExecuteAsync(SipCommand command, CancellationToken cancellationToken = default)
        {
            seen.Add(command.GetType().Name);
            return inner.ExecuteAsync(command, cancellationToken);
        }

        public Task<SipCase?> GetCaseAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => inner.GetCaseAsync(caseId, cancellationToken);

        public Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(caseId, cancellationToken);

        public Task<SipAuditVerification> VerifyHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => inner.VerifyHistoryAsync(caseId, cancellationToken);

        public Task<IReadOnlyList<PermittedAction>> GetPermittedActionsAsync(SipCaseId caseId, SipLanguage? language = null, CancellationToken cancellationToken = default)
            => inner.GetPermittedActionsAsync(caseId, language, cancellationToken);

        public Task<IReadOnlyList<PermittedAction>> ReadPermittedActionsAsync(SipCaseId caseId, SipReader reader, SipLanguage? language = null, CancellationToken cancellationToken = default)
            => inner.ReadPermittedActionsAsync(caseId, reader, language, cancellationToken);

        public Task<DueWorkPage> GetDueWorkAsync(DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
            => inner.GetDueWorkAsync(dueAtOrBefore, pageSize, continuationToken, cancellationToken);

        public Task<SipCasePage> QueryCasesAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => inner.QueryCasesAsync(query, cancellationToken);

        public Task<SipCase?> ReadCaseAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default) => inner.ReadCaseAsync(caseId, reader, cancellationToken);

        public Task<IReadOnlyList<SipEvent>> ReadHistoryAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default) => inner.ReadHistoryAsync(caseId, reader, cancellationToken);

        public Task<DueWorkPage> ReadDueWorkAsync(SipReader reader, DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
            => inner.ReadDueWorkAsync(reader, dueAtOrBefore, pageSize, continuationToken, cancellationToken);

        public Task<SipCasePage> ReadCasesAsync(SipCaseQuery query, SipReader reader, CancellationToken cancellationToken = default) => inner.ReadCasesAsync(query, reader, cancellationToken);

        public Task<IReadOnlyList<Sip.Workflow.Storage.SipFeedEntry>> ReadEventsAsync(long afterPosition, int maxCount = 100, CancellationToken cancellationToken = default)
            => inner.ReadEventsAsync(afterPosition, maxCount, cancellationToken);

        public string GetProcessDiagram(DiagramFormat format = DiagramFormat.Mermaid, SipLanguage? language = null, string? policyName = null)
            => inner.GetProcessDiagram(format, language, policyName);

        public IReadOnlyList<SipPolicy> Policies => inner.Policies;

        public Task<SipCaseCheckpoint> GetCheckpointAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => inner.GetCheckpointAsync(caseId, cancellationToken);

        public Task<SipAuditVerification> VerifyAgainstCheckpointAsync(SipCaseId caseId, SipCaseCheckpoint checkpoint, CancellationToken cancellationToken = default)
            => inner.VerifyAgainstCheckpointAsync(caseId, checkpoint, cancellationToken);

        public Task<SipStoreVerification> VerifyStoreAsync(SipStoreCheckpoint? since = null, CancellationToken cancellationToken = default) => inner.VerifyStoreAsync(since, cancellationToken);

        public Task<SipGallringPage> GetDueForGallringAsync(SipRetentionRule rule, DateOnly asOf, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
            => inner.GetDueForGallringAsync(rule, asOf, pageSize, continuationToken, cancellationToken);

        public Task<SipTombstone> PurgeCaseAsync(PurgeCase request, CancellationToken cancellationToken = default) => inner.PurgeCaseAsync(request, cancellationToken);
    }
}
