using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>A command id names one command: the same id with other content is refused, never replayed.</summary>
public sealed class IdempotencyByContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_command_id_with_other_content_on_the_same_case_and_step_is_refused_and_nothing_is_applied()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        var commandId = CommandId.New();
        var first = new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor, CommandId = commandId,
            Participant = new Participant { Kind = ParticipantKind.School, Organisation = new OrganisationReference { Name = "Skolan" }, HasMandateToDecide = true },
        };
        await s.Workflow.AddParticipantAsync(first, Ct);

        var second = first with { Participant = new Participant { Kind = ParticipantKind.School, Organisation = new OrganisationReference { Name = "Annan skola" }, HasMandateToDecide = true } };
        var refused = await s.ExpectRefusedAsync<SipIdempotencyConflictException>(c.Id, () => s.Workflow.AddParticipantAsync(second, Ct));

        refused.ContentDiffers.Should().BeTrue();
        refused.CommandId.Should().Be(commandId);
        refused.Message.Should().Contain(commandId.ToString()).And.NotContain("Annan skola").And.NotContain("Skolan");
        (await s.Workflow.AddParticipantAsync(first, Ct)).IsReplay.Should().BeTrue("the very same command is still a retry");
    }

    [Fact]
    public async Task Opening_a_case_for_another_individual_under_a_reused_command_id_never_returns_the_first_individuals_case()
    {
        var s = new SipScenario();
        var commandId = CommandId.New();
        var caseId = SipCaseId.New();
        await s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, CommandId = commandId, CaseId = caseId, Individual = SipTestData.Adult("patient-a"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        }, Ct);

        var other = () => s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, CommandId = commandId, CaseId = caseId, Individual = SipTestData.Adult("patient-b"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        }, Ct);

        var refused = (await other.Should().ThrowAsync<SipIdempotencyConflictException>()).Which;
        refused.ContentDiffers.Should().BeTrue();
        refused.Message.Should().NotContain("patient-a").And.NotContain("patient-b");
        ((InMemorySipCaseStore)s.Store).Count.Should().Be(1);
    }

    [Fact]
    public async Task The_fingerprint_is_recorded_on_the_event_only_for_a_command_with_an_id_and_is_part_of_its_hash()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        var withId = await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor, CommandId = CommandId.New() }, Ct);
        var history = await s.Workflow.GetHistoryAsync(c.Id, Ct);

        history[0].CommandFingerprint.Should().BeNull("the scenario opens without a command id");
        withId.Event.CommandFingerprint.Should().MatchRegex("^[0-9a-f]{64}$");
        withId.Event.HashVersion.Should().Be(4);
        var forged = history.ToList();
        forged[^1] = forged[^1] with { CommandFingerprint = new string('0', 64) };
        SipAuditChain.Verify(forged, withId.Case).FirstBrokenSequence.Should().Be(forged.Count);
    }
}

/// <summary>Audit keys have ids, rotate, and can be turned on for a store that already holds history.</summary>
public sealed class AuditKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] First = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] Second = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    private static SipScenario With(InMemorySipCaseStore store, FakeTimeProvider time, Action<SipWorkflowOptions> configure)
    {
        var options = new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads };
        configure(options);
        return new SipScenario(new SipWorkflow(store, options, time), store, time);
    }

    [Fact]
    public async Task A_rotated_key_seals_new_events_under_its_id_while_the_retired_key_still_verifies_the_old_ones()
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        var before = With(store, time, o => { o.AuditKey = First; o.AuditKeyId = "2026-a"; });
        var c = await before.ConsentedAsync();
        var after = With(store, time, o => { o.AuditKey = Second; o.AuditKeyId = "2026-b"; o.RetiredAuditKeys["2026-a"] = First; });
        await after.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = after.Actor }, Ct);

        var history = await after.Workflow.GetHistoryAsync(c.Id, Ct);
        history.Select(e => e.AuditKeyId).Should().StartWith("2026-a").And.EndWith("2026-b");
        (await after.Workflow.VerifyHistoryAsync(c.Id, Ct)).Should().Be(SipAuditVerification.Intact);

        var forgotten = With(store, time, o => { o.AuditKey = Second; o.AuditKeyId = "2026-b"; });
        var verification = await forgotten.Workflow.VerifyHistoryAsync(c.Id, Ct);
        verification.FirstBrokenSequence.Should().Be(1);
        verification.Problem.Should().Contain("'2026-a'").And.Contain("retired key");
    }

    [Fact]
    public async Task With_a_key_the_case_hash_is_keyed_too()
    {
        var store = new InMemorySipCaseStore();
        var s = With(store, new FakeTimeProvider(SipTestData.Start), o => o.AuditKey = First);
        var opened = (await s.Workflow.OpenCaseAsync(new OpenCase { Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }, Ct));
        var stored = opened.Case with { HistoryHead = null };

        opened.Event.CaseHash.Should().Be(SipAuditChain.ComputeCaseHash(stored, First)).And.NotBe(SipAuditChain.ComputeCaseHash(stored));
    }

    [Fact]
    public async Task A_key_turned_on_for_existing_history_verifies_when_the_moment_is_recorded_and_not_otherwise()
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        var plain = With(store, time, _ => { });
        var c = await plain.ConsentedAsync();
        time.Advance(TimeSpan.FromHours(1));
        var turnedOn = time.GetUtcNow();
        var keyed = With(store, time, o => { o.AuditKey = First; o.UnkeyedHistoryBefore = turnedOn; });
        await keyed.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = keyed.Actor }, Ct);

        (await keyed.Workflow.VerifyHistoryAsync(c.Id, Ct)).Should().Be(SipAuditVerification.Intact);

        var unrecorded = await With(store, time, o => o.AuditKey = First).Workflow.VerifyHistoryAsync(c.Id, Ct);
        unrecorded.FirstBrokenSequence.Should().Be(1);
        unrecorded.Problem.Should().Contain("UnkeyedHistoryBefore");
    }

    [Fact]
    public async Task A_keyed_history_stripped_of_its_keys_and_rehashed_in_plain_SHA_256_does_not_verify()
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        var s = With(store, time, o => o.AuditKey = First);
        var c = await s.ConsentedAsync();
        var history = await s.Workflow.GetHistoryAsync(c.Id, Ct);

        var stripped = new List<SipEvent>();
        var previous = string.Empty;
        var bare = c with { HistoryHead = null };
        foreach (var e in history)
        {
            var plain = e with { AuditKeyId = null, PreviousHash = previous, CaseHash = e.Sequence == history.Count ? SipAuditChain.ComputeCaseHash(bare) : e.CaseHash };
            plain = plain with { Hash = SipAuditChain.ComputeHash(plain) };
            stripped.Add(plain);
            previous = plain.Hash;
        }

        SipAuditChain.Verify(stripped, c with { HistoryHead = previous }).IsIntact.Should().BeTrue("without keys it is a consistent plain chain");
        var verification = SipAuditChain.Verify(stripped, c with { HistoryHead = previous }, SipAuditKeyRing.Create("1", First));
        verification.FirstBrokenSequence.Should().Be(1);
        verification.Problem.Should().Contain("not sealed with an audit key");
    }

    [Fact]
    public async Task An_event_appended_beyond_the_case_version_is_reported_as_added_outside_the_engine()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        var history = (await s.Workflow.GetHistoryAsync(c.Id, Ct)).ToList();
        var last = history[^1];
        var forged = last with { Sequence = last.Sequence + 1, PreviousHash = last.Hash, FromState = last.ToState, CommandId = null, CommandFingerprint = null };
        history.Add(forged with { Hash = SipAuditChain.ComputeHash(forged) });

        var verification = SipAuditChain.Verify(history, c);

        verification.FirstBrokenSequence.Should().Be(c.Version + 1);
        verification.Problem.Should().Contain("added outside the engine");
    }

    [Theory]
    [InlineData("", 32)]
    [InlineData("a\nb", 32)]
    [InlineData("1", 16)]
    public void A_key_ring_with_a_bad_id_or_a_short_key_is_refused_by_the_options(string id, int length)
    {
        var options = new SipWorkflowOptions { AuditKey = new byte[length], AuditKeyId = id };

        options.Validate().Should().ContainSingle().Which.Should().Match(p => p.Contains("AuditKey", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_ring_built_directly_names_the_argument_at_fault()
    {
        var shortCurrent = () => SipAuditKeyRing.Create("k", new byte[16]);
        var shortRetired = () => SipAuditKeyRing.Create("k", First, new Dictionary<string, byte[]> { ["old"] = new byte[8] });
        var sameId = () => SipAuditKeyRing.Create("k", First, new Dictionary<string, byte[]> { ["k"] = Second });
        var retiredOnly = () => SipAuditKeyRing.Retired(new Dictionary<string, byte[]> { [""] = Second });

        shortCurrent.Should().Throw<ArgumentException>().WithParameterName("currentKey").WithMessage("*16 bytes*at least 32*");
        shortRetired.Should().Throw<ArgumentException>().WithParameterName("retiredKeys").WithMessage("*'old' is 8 bytes*");
        sameId.Should().Throw<ArgumentException>().WithParameterName("retiredKeys").WithMessage("*own id*");
        retiredOnly.Should().Throw<ArgumentException>().WithParameterName("retiredKeys").WithMessage("*1 to 64 printable characters*");
    }

    [Fact]
    public void A_retired_key_under_the_current_id_is_refused()
    {
        var options = new SipWorkflowOptions { AuditKey = First, AuditKeyId = "k" };
        options.RetiredAuditKeys["k"] = Second;

        options.Validate().Should().ContainSingle().Which.Should().Contain("its own id");
        SipAuditKeyRing.Create("k", First).ToString().Should().NotContain("1, 2");
    }
}
