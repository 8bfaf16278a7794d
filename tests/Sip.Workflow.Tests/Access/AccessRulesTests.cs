using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Access;

/// <summary>
/// The parts of the access rules that are the same on every store (the rules against each store are in
/// <c>SipAccessContract</c>): the roles the library derives, the actor's organisation identifier and HSA-id, the engine's
/// default, the refusal's metrics and words.
/// </summary>
public sealed class AccessRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SipActor Actor(string userId, string organisation, string? organisationId = null)
        => new() { UserId = userId, Organisation = organisation, OrganisationId = organisationId, Role = "handläggare" };

    [Theory]
    [InlineData("SE2321000016-15CQ")]
    [InlineData("SE2120001322-A")]
    [InlineData("SE5565594230-12345678901234567890")]
    public void An_hsa_id_of_the_right_form_is_kept(string hsaId)
        => (SipTestData.FixedCareContact with { HsaId = hsaId }).HsaId.Should().Be(hsaId);

    [Theory]
    [InlineData("se2321000016-15CQ", "country code")]
    [InlineData("SE232100001-15CQ", "10-digit organisation number")]
    [InlineData("SE23210000161-5CQ", "10-digit organisation number")]
    [InlineData("SE2321000016", "10-digit organisation number")]
    [InlineData("SE2321000016-", "extension")]
    [InlineData("SE2321000016-15 CQ", "extension")]
    [InlineData("SE2321000016-123456789012345678901", "extension")]
    [InlineData("SE232100001X-15CQ", "10-digit organisation number")]
    public void An_hsa_id_of_another_form_is_refused_naming_what_is_wrong_without_echoing_it(string hsaId, string wrong)
    {
        var act = () => SipTestData.FixedCareContact with { HsaId = hsaId };

        var refused = act.Should().Throw<ArgumentException>().Which;
        refused.ParamName.Should().Be(nameof(SipActor.HsaId));
        refused.Message.Should().Contain(wrong).And.Contain("leave it out").And.NotContain(hsaId);
    }

    [Fact]
    public void Kommun_staff_without_an_hsa_id_are_actors_of_their_organisation()
    {
        var socialWorker = Actor("kommun-sol-9", "Socialtjänsten Halmstad");

        socialWorker.HsaId.Should().BeNull();
        CaseWith(called: SipTestData.SocialServicesUnit).RolesOf(socialWorker).Should().Be(SipCaseRoles.CalledUnit);
    }

    private static SipCase CaseWith(OrganisationReference? called = null, OrganisationReference? invited = null, LeadPrincipal? lead = null, SipActor? openedBy = null)
        => new()
        {
            Id = SipCaseId.New(),
            Individual = SipTestData.Adult(),
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
            IdentifyingUnit = SipTestData.PrimaryCareUnit,
            OpenedAt = SipTestData.Start,
            OpenedBy = openedBy,
            LeadPrincipal = lead,
            Participants =
            [
                .. called is null ? [] : new[] { new Participant { Organisation = called, Kind = ParticipantKind.SocialServices, Role = ParticipationRole.Called, Contact = new ContactPerson { Name = "Kim Ek", UserId = "kommun-sol-kim" } } },
                .. invited is null ? [] : new[] { new Participant { Organisation = invited, Kind = ParticipantKind.SocialInsuranceAgency, Role = ParticipationRole.Invited } },
            ],
        };

    [Fact]
    public void The_library_derives_each_case_relative_role()
    {
        var lead = new LeadPrincipal { Principal = PrincipalKind.Municipality, Organisation = SipTestData.HomeCareUnit, Coordinator = new ContactPerson { Name = "Anna Lind", UserId = "kommun-hsv-anna" } };
        var c = CaseWith(called: SipTestData.SocialServicesUnit, invited: SipTestData.SocialInsuranceUnit, lead: lead, openedBy: SipTestData.FixedCareContact) with
        {
            Consents = [new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Proxy, GiverReference = "ombud-77", DocumentReference = "Fullmakt 1", Form = ConsentForm.Written, GivenAt = SipTestData.Start }],
        };

        c.RolesOf(SipTestData.FixedCareContact).Should().Be(SipCaseRoles.OpeningUnit | SipCaseRoles.NamedUser);
        c.RolesOf(Actor("hsa-vc-2", "Vårdcentralen Söder")).Should().Be(SipCaseRoles.OpeningUnit);
        c.RolesOf(Actor("kommun-sol-1", "Socialtjänsten Halmstad")).Should().Be(SipCaseRoles.CalledUnit);
        c.RolesOf(Actor("kommun-sol-kim", "Socialtjänsten Halmstad")).Should().Be(SipCaseRoles.CalledUnit | SipCaseRoles.NamedUser);
        c.RolesOf(Actor("fk-1", "Försäkringskassan")).Should().Be(SipCaseRoles.InvitedActor);
        c.RolesOf(Actor("kommun-hsv-1", "Kommunal hemsjukvård Halmstad")).Should().Be(SipCaseRoles.LeadUnit);
        c.RolesOf(Actor("kommun-hsv-anna", "Kommunal hemsjukvård Halmstad")).Should().Be(SipCaseRoles.LeadUnit | SipCaseRoles.Coordinator | SipCaseRoles.NamedUser);
        c.RolesOf(Actor("ombud-77", "Privat")).Should().Be(SipCaseRoles.Proxy);
        c.RolesOf(Actor("polis-1", "Polisen")).Should().Be(SipCaseRoles.None);
    }

    [Fact]
    public void The_organisation_identifier_decides_when_both_carry_one_and_the_name_otherwise()
    {
        var c = CaseWith(called: SipTestData.SocialServicesUnit);

        c.RolesOf(Actor("k-1", "Individ- och familjeomsorgen", SipTestData.SocialServicesUnit.Identifier)).Should().Be(SipCaseRoles.CalledUnit, "the identifiers match");
        c.RolesOf(Actor("k-2", "Socialtjänsten Halmstad", "SE2120000-0001-ANNAN")).Should().Be(SipCaseRoles.None, "the same name under another identifier is another unit");
        c.RolesOf(Actor("k-3", " socialtjänsten  halmstad ")).Should().Be(SipCaseRoles.CalledUnit, "without an identifier the name decides, as a person would write it");
    }

    [Fact]
    public void A_party_that_no_longer_takes_part_has_no_part_in_the_case()
    {
        var c = CaseWith(called: SipTestData.SocialServicesUnit);
        var withdrawn = c with { Participants = [c.Participants[0] with { ConsentWithdrawnAt = SipTestData.Start }] };

        withdrawn.RolesOf(Actor("kommun-sol-1", "Socialtjänsten Halmstad")).Should().Be(SipCaseRoles.None);
    }

    [Fact]
    public void No_access_rules_is_refused_the_host_names_AllowAll_to_turn_the_checks_off()
    {
        var act = () => new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Access = null! });

        act.Should().Throw<ArgumentException>().WithParameterName("options").WithMessage("*Access*SipAccessPolicies.AllowAll*");
        new SipWorkflowOptions().Access.Should().BeSameAs(SipAccessRules.Default);
    }

    [Fact]
    public async Task The_engine_a_host_registers_runs_the_default_rules_unless_it_names_others()
    {
        var services = new ServiceCollection();
        services.AddSipWorkflow().UseInMemoryStore();
        await using var provider = services.BuildServiceProvider();
        var workflow = provider.GetRequiredService<ISipWorkflow>();
        var opened = await workflow.OpenCaseAsync(new OpenCase { Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }, Ct);

        (await workflow.Invoking(w => w.GetCaseAsync(opened.Case.Id, Ct)).Should().ThrowAsync<SipAccessRefusedException>()).Which.Rule.Should().Be(SipAccessRuleNames.ReaderNamed);
        (await workflow.ReadCaseAsync(opened.Case.Id, SipTestData.FixedCareContact, Ct))!.OpenedBy.Should().Be(SipTestData.FixedCareContact);
        await workflow.Invoking(w => w.RecordDeviationAsync(
                new RecordDeviation { CaseId = opened.Case.Id, Actor = Actor("polis-1", "Polisen"), Deviation = new Deviation { Kind = DeviationKind.Other, Description = "x" } }, Ct))
            .Should().ThrowAsync<SipAccessRefusedException>();
    }

    [Fact]
    public async Task A_refusal_is_counted_by_action_and_rule_and_names_neither_the_individual_nor_the_actor()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddSipWorkflow().UseInMemoryStore();
        await using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var refusals = new MetricCollector<long>(meters, SipWorkflowTelemetry.Name, "sip.workflow.access_refusals");
        using var reads = new MetricCollector<long>(meters, SipWorkflowTelemetry.Name, "sip.workflow.reads");
        var workflow = provider.GetRequiredService<ISipWorkflow>();
        var opened = await workflow.OpenCaseAsync(new OpenCase { Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult("patient-hemlig-42"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }, Ct);
        var stranger = Actor("polis-hemlig-7", "Polisen");

        var refused = (await workflow.Invoking(w => w.ReadCaseAsync(opened.Case.Id, stranger, Ct)).Should().ThrowAsync<SipAccessRefusedException>()).Which;
        await workflow.ReadCaseAsync(opened.Case.Id, SipTestData.FixedCareContact, Ct);

        refused.Message.Should().Contain(SipAccessRuleNames.ParticipatingOrganisation).And.NotContain("patient-hemlig-42").And.NotContain("polis-hemlig-7");
        refusals.GetMeasurementSnapshot().Should().ContainSingle(m => (string)m.Tags["sip.access.action"]! == "ReadCase" && (string)m.Tags["sip.access.rule"]! == SipAccessRuleNames.ParticipatingOrganisation);
        reads.GetMeasurementSnapshot().Select(m => (string)m.Tags["sip.outcome"]!).Should().Equal("refused", "allowed");
    }

    [Fact]
    public async Task A_command_id_is_no_key_to_a_case_a_replay_is_for_an_actor_who_may_read_it()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var id = CommandId.New();
        var deviation = new Deviation { Kind = DeviationKind.Other, Description = "Avvikelse." };
        await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, CommandId = id, Deviation = deviation }, Ct);

        var replay = () => s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = Actor("polis-1", "Polisen"), CommandId = id, Deviation = deviation }, Ct);

        (await replay.Should().ThrowAsync<Exception>()).Which.Should().BeOfType<SipIdempotencyConflictException>("the actor is part of the content: another actor's command is another command");
        (await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, CommandId = id, Deviation = deviation }, Ct)).IsReplay.Should().BeTrue();
    }

    [Fact]
    public void A_reader_reads_for_a_case_a_document_or_an_export_and_nothing_else()
    {
        var act = () => new SipReader { Actor = SipTestData.FixedCareContact, Purpose = SipAccessAction.Close };

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(SipReader.Purpose)).WithMessage("*ReadCase*ReadDocument*Export*");
        new SipReader { Actor = SipTestData.FixedCareContact, Reason = "vård" }.ToString().Should().Be("SipReader (ReadCase)");
    }

    // A host that shows the system functions to users puts its own rule in front of them.
    private sealed class NoSystemReads : ISipAccessPolicy
    {
        public SipAccessDecision Decide(SipAccessRequest request)
            => request.Action == SipAccessAction.SystemRead ? SipAccessDecision.Refuse("HostSystemReads") : SipAccessRules.Default.Decide(request);
    }

    [Fact]
    public async Task The_system_functions_ask_the_port_the_default_rules_let_them_read_and_a_host_rule_refuses_them()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var checkpoint = await s.Workflow.GetCheckpointAsync(c.Id, Ct);
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
        (await s.Workflow.ReadEventsAsync(0, 10, Ct)).Should().NotBeEmpty();
        var locked = new SipWorkflow(s.Store, new SipWorkflowOptions { Access = new NoSystemReads() }, s.Time);

        Func<Task>[] reads =
        [
            () => locked.VerifyHistoryAsync(c.Id, Ct),
            () => locked.GetCheckpointAsync(c.Id, Ct),
            () => locked.VerifyAgainstCheckpointAsync(c.Id, checkpoint, Ct),
            () => locked.VerifyStoreAsync(cancellationToken: Ct),
            () => locked.GetDueForGallringAsync(SipRetentionRule.SocialServices, DateOnly.FromDateTime(s.Time.GetUtcNow().UtcDateTime), cancellationToken: Ct),
            () => locked.ReadEventsAsync(0, 10, Ct),
        ];
        foreach (var read in reads)
        {
            var refused = (await read.Should().ThrowAsync<SipAccessRefusedException>()).Which;
            refused.Rule.Should().Be("HostSystemReads");
            refused.Action.Should().Be(SipAccessAction.SystemRead);
        }
    }

    [Fact]
    public async Task A_read_without_a_reader_or_in_an_unknown_language_is_refused_naming_it_and_nothing_is_logged()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var log = (Sip.Workflow.Storage.ISipAccessLogStore)s.Store;
        var before = await log.ReadAccessLogAsync(new Sip.Workflow.Storage.SipAccessLogQuery { CaseId = c.Id }, Ct);

        Func<Task>[] withoutReader =
        [
            () => s.Workflow.ReadCaseAsync(c.Id, null!, Ct),
            () => s.Workflow.ReadHistoryAsync(c.Id, null!, Ct),
            () => s.Workflow.ReadPermittedActionsAsync(c.Id, null!, cancellationToken: Ct),
            () => s.Workflow.ReadDueWorkAsync(null!, s.Time.GetUtcNow(), cancellationToken: Ct),
            () => s.Workflow.ReadCasesAsync(new SipCaseQuery(), null!, Ct),
        ];
        foreach (var read in withoutReader)
        {
            (await read.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("reader");
        }

        var unknownLanguage = () => s.Workflow.ReadPermittedActionsAsync(c.Id, s.Actor, (SipLanguage)99, Ct);
        (await unknownLanguage.Should().ThrowAsync<ArgumentException>()).WithParameterName("language");
        var scope = () => SipAccessRules.Default.ListScope(null!);
        scope.Should().Throw<ArgumentNullException>().WithParameterName("reader");
        (await log.ReadAccessLogAsync(new Sip.Workflow.Storage.SipAccessLogQuery { CaseId = c.Id }, Ct)).Should().Equal(before);
    }
}
