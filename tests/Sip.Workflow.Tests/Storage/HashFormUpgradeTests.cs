using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// A host upgrades node by node: every node seals in form 3 (<see cref="SipWorkflowOptions.SealedHashForm"/>) until
/// none runs a build that does not know form 4; one history then holds both forms and verifies. A build meeting a form
/// from a later release says so, never that the history was changed.
/// </summary>
public sealed class HashFormUpgradeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The store as a database gives the case back: read from its document, so a command checks it against the newest event.
    private sealed class DocumentStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner)
    {
        public int? NewestFormFromALaterRelease { get; set; }

        public override async Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => await base.GetForCommandAsync(caseId, cancellationToken) is { } c ? SipJson.DeserializeCase(SipJson.SerializeCase(c)) : null;

        public override async Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => await base.GetAsync(caseId, cancellationToken) is { } c ? SipJson.DeserializeCase(SipJson.SerializeCase(c)) : null;

        public override async Task<SipEvent?> GetNewestEventAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => await base.GetNewestEventAsync(caseId, cancellationToken) is { } e && NewestFormFromALaterRelease is { } form ? e with { HashVersion = form } : await base.GetNewestEventAsync(caseId, cancellationToken);
    }

    [Fact]
    public async Task Nodes_sealing_in_form_3_then_in_form_4_leave_one_history_that_verifies()
    {
        var store = new DocumentStore(new InMemorySipCaseStore());
        var time = new FakeTimeProvider(SipTestData.Start);
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var before = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { SealedHashForm = 3, AuditKey = key }, time), store, time);
        var consented = await before.ConsentedAsync();

        var after = new SipWorkflow(store, new SipWorkflowOptions { AuditKey = key }, time);
        var prepared = await after.StartPreparationAsync(new StartPreparation { CaseId = consented.Id, Actor = before.Actor }, Ct);
        var history = await store.GetHistoryAsync(consented.Id, Ct);

        history.Select(e => e.HashVersion).Should().Equal([.. Enumerable.Repeat(3, history.Count - 1), 4]);
        var ring = SipAuditKeyRing.Create("1", key);
        history[^2].CaseHash.Should().Be(SipAuditChain.ComputeCaseHash(consented, key, hashForm: 3)).And.NotBe(SipAuditChain.ComputeCaseHash(consented, key, hashForm: 4));
        SipAuditChain.Verify([.. history.Take(history.Count - 1)], consented, ring).Should().Be(SipAuditVerification.Intact, "the form-3 events seal form-3 case hashes");
        SipAuditChain.Verify(history, prepared.Case, SipAuditKeyRing.Create("1", key)).Should().Be(SipAuditVerification.Intact);
        SipAuditChain.Verify(history, SipJson.DeserializeCase(SipJson.SerializeCase(prepared.Case)), SipAuditKeyRing.Create("1", key)).Should().Be(SipAuditVerification.Intact);
        (await after.VerifyHistoryAsync(consented.Id, Ct)).IsIntact.Should().BeTrue();
        prepared.Event.CaseHash.Should().Be(SipAuditChain.ComputeCaseHash(prepared.Case, key, hashForm: 4)).And.NotBe(SipAuditChain.ComputeCaseHash(prepared.Case, key, hashForm: 3));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(0)]
    public void A_form_the_engine_cannot_seal_in_is_refused_naming_the_setting_and_what_it_allows(int form)
    {
        var create = () => new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { SealedHashForm = form });

        create.Should().Throw<ArgumentException>().WithParameterName("options")
            .WithMessage($"*SealedHashForm is {form}; allowed: 4 (the default) or 3*");
    }

    [Fact]
    public async Task A_history_whose_newest_event_a_later_release_sealed_is_reported_as_such_and_no_step_is_taken()
    {
        var store = new DocumentStore(new InMemorySipCaseStore());
        var s = new SipScenario(store: store);
        var c = await s.ConsentedAsync();
        var history = await store.GetHistoryAsync(c.Id, Ct);
        var later = history.ToList();
        later[^1] = later[^1] with { HashVersion = 5 };

        var verification = SipAuditChain.Verify(later, c);
        verification.IsIntact.Should().BeFalse();
        verification.Problem.Should().Contain("hash form 5").And.Contain("a later release wrote it, or it was changed");

        store.NewestFormFromALaterRelease = 5;
        var step = () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        (await step.Should().ThrowAsync<SipStorageException>()).WithMessage("*hash form 5*does not know*a later release wrote it, or it was changed*no step is taken*");
        (await store.GetHistoryAsync(c.Id, Ct)).Should().HaveCount(history.Count, "nothing was written");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task A_newest_event_claiming_a_form_no_release_writes_is_refused_as_changed_outside_the_engine(int form)
    {
        var store = new DocumentStore(new InMemorySipCaseStore());
        var s = new SipScenario(store: store);
        var c = await s.ConsentedAsync();
        var before = await store.GetHistoryAsync(c.Id, Ct);
        store.NewestFormFromALaterRelease = form;

        var step = () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        (await step.Should().ThrowAsync<SipStorageException>()).WithMessage("*changed outside Sip.Workflow*");
        (await store.GetHistoryAsync(c.Id, Ct)).Should().HaveCount(before.Count, "nothing was written");
        (await store.GetAsync(c.Id, Ct))!.Version.Should().Be(c.Version);
    }
}
