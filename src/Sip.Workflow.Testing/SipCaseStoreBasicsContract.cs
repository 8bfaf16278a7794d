using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The basic promises of an <see cref="ISipCaseStore"/>: what is written reads back equal, in every part, through a
/// second instance; versions and sequences line up or the write is refused whole; history is append-only and chained;
/// nothing a caller does to what it read changes the store; a cancelled write writes nothing.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreBasics() : SipCaseStoreBasicsContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStoreBasicsContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreBasicsContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    /// <summary>Reading a case that was never written gives <see langword="null"/> and an empty history, not an exception.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Get_of_an_unknown_case_returns_null_and_an_empty_history()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync(SipCaseId.New(), Ct));
        Assert.Empty(await store.GetHistoryAsync(SipCaseId.New(), Ct));
    }

    /// <summary>
    /// A case the engine took through the whole process (protected identity, substitute, attendance, plan, follow-up,
    /// deviation, revision) reads back through a second store instance equal to what was written, in every part.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_full_case_written_by_the_engine_reads_back_equal_in_every_part()
    {
        var scenario = new ContractScenario(CreateStore(), SipPolicy.VastraGotaland);
        var summoned = await scenario.SummonedAsync(
            ContractData.Adult() with { HasProtectedIdentity = true, InterpreterLanguage = "arabiska" },
            CaseOrigin.InpatientDischarge(ContractData.Start.AddHours(-5)));
        var w = scenario.Workflow;
        var social = summoned.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        await w.ChangeParticipantAsync(
            new ChangeParticipant
            {
                CaseId = summoned.Id, Actor = scenario.Actor, ParticipantId = social.Id,
                Substitute = new Substitute { Person = new ContactPerson { Name = "Per Ek", Title = "enhetschef" }, HasMandateToDecide = true },
            },
            Ct);
        await w.RecordAttendanceAsync(
            new RecordAttendance
            {
                CaseId = summoned.Id, Actor = scenario.Actor, MeetingId = summoned.PlanMeeting!.Id,
                Attendance = [.. summoned.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
            },
            Ct);
        scenario.Clock.Advance(TimeSpan.FromDays(7));
        await w.EstablishPlanAsync(
            new EstablishPlan
            {
                CaseId = summoned.Id, Actor = scenario.Actor, Plan = ContractData.CompletePlan(), LeadPrincipal = ContractData.MunicipalLead,
                FollowUpBooking = ContractData.FollowUpAt(scenario.Clock.GetUtcNow().AddMonths(3)),
            },
            Ct);
        scenario.Clock.Advance(TimeSpan.FromDays(60));
        await w.RecordFollowUpAsync(
            new RecordFollowUp
            {
                CaseId = summoned.Id, Actor = scenario.Actor,
                FollowUp = new FollowUpRecord { HeldAt = scenario.Clock.GetUtcNow(), Progress = "Går framåt.\nBehöver mer stöd kvällstid.", AnotherInterventionNeeded = true },
            },
            Ct);
        await w.RecordDeviationAsync(
            new RecordDeviation
            {
                CaseId = summoned.Id, Actor = scenario.Actor,
                Deviation = new Deviation { Kind = DeviationKind.PlanNotFollowed, Description = "Kvällsbesöken uteblev två gånger." },
            },
            Ct);
        var written = (await w.RevisePlanAsync(
            new RevisePlan
            {
                // The coordinator revises: the lead's step, and a user the protected case names.
                CaseId = summoned.Id, Actor = ContractData.SocialWorker, Plan = ContractData.CompletePlan(),
                FollowUpBooking = ContractData.FollowUpAt(scenario.Clock.GetUtcNow().AddMonths(3)),
            },
            Ct)).Case;
        var reader = CreateReader(scenario.Store);

        var read = await reader.GetAsync(summoned.Id, Ct);
        var history = await reader.GetHistoryAsync(summoned.Id, Ct);

        Assert.Equal(written, read);
        Assert.Equal(2, read!.PlanRevisions.Count);
        Assert.Equal(ContractData.Subject, read.Individual.Reference.Value);
        Assert.Equal(written.Version, history.Count);
        Assert.True(SipAuditChain.Verify(history, read).IsIntact, "the history read back verifies against the case read back");
    }

    /// <summary>Creating a case stores version 1 and exactly its opening event, equal to the one given.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Create_stores_version_1_and_the_opening_event()
    {
        var store = CreateStore();
        var (c, e) = await ContractData.CreateAsync(store);

        Assert.Equal(c, await CreateReader(store).GetAsync(c.Id, Ct));
        Assert.Equal(e, Assert.Single(await CreateReader(store).GetHistoryAsync(c.Id, Ct)));
    }

    /// <summary>A new case must be version 1; anything else is an <see cref="ArgumentException"/> and stores nothing.</summary>
    /// <param name="version">The wrong version.</param>
    /// <returns>The test.</returns>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Create_with_a_version_other_than_1_is_refused_and_stores_nothing(long version)
    {
        var store = CreateStore();
        var c = ContractData.NewCase() with { Version = version };

        var thrown = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(c, ContractData.Event(c with { Version = 1 }), Ct));

        Assert.Contains("version 1", thrown.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(c.Id, Ct));
    }

    /// <summary>An update raises the version by one and appends its event after the ones before.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Update_raises_the_version_and_appends_the_event()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var (c2, e2) = ContractData.Next(c1, e1);

        await store.UpdateAsync(c2, 1, e2, Ct);

        Assert.Equal(c2, await CreateReader(store).GetAsync(c1.Id, Ct));
        Assert.Equal([e1, e2], await CreateReader(store).GetHistoryAsync(c1.Id, Ct));
    }

    /// <summary>Updating a case that does not exist throws <see cref="SipCaseNotFoundException"/>.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Update_of_an_unknown_case_throws_not_found_and_creates_nothing()
    {
        var store = CreateStore();
        var c = ContractData.NewCase();
        var (c2, e2) = ContractData.Next(c, ContractData.Event(c));

        var thrown = await Assert.ThrowsAsync<SipCaseNotFoundException>(() => store.UpdateAsync(c2, 1, e2, Ct));

        Assert.Equal(c.Id, thrown.CaseId);
        Assert.Null(await store.GetAsync(c.Id, Ct));
    }

    /// <summary>
    /// An update whose new version is not the expected one plus one, whose event sequence is not the new version, or
    /// whose event belongs to another case is an <see cref="ArgumentException"/> and changes nothing.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Update_whose_versions_do_not_line_up_is_refused_and_changes_nothing()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var (c2, e2) = ContractData.Next(c1, e1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpdateAsync(c2 with { Version = 3 }, 1, e2, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpdateAsync(c2, 1, e2 with { Sequence = 5 }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpdateAsync(c2, 1, e2 with { CaseId = SipCaseId.New() }, Ct));

        Assert.Equal(c1, await store.GetAsync(c1.Id, Ct));
        Assert.Equal(e1, Assert.Single(await store.GetHistoryAsync(c1.Id, Ct)));
    }

    /// <summary>
    /// A case whose open deadlines do not begin at its next deadline in due order (one the engine never seals) is an
    /// <see cref="ArgumentException"/> when created or updated, and changes nothing: no store keeps a case it would refuse to
    /// read back.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_case_whose_open_deadlines_disagree_with_its_next_deadline_is_refused_and_changes_nothing()
    {
        var store = CreateStore();
        var due = ContractData.Start.AddDays(3);
        var start = new SipDeadline(SipRequirements.DeadlineStart, due);
        var later = new SipDeadline(SipRequirements.DeadlineFollowUp, due.AddDays(5));
        var (c1, e1) = await ContractData.CreateAsync(store, ContractData.NewCase(nextDeadline: due) with { OpenDeadlines = [start, later] });
        var (c2, e2) = ContractData.Next(c1, e1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpdateAsync(c2 with { OpenDeadlines = [] }, 1, e2, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpdateAsync(c2 with { OpenDeadlines = [later, start] }, 1, e2, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpdateAsync(c2 with { NextDeadline = null }, 1, e2, Ct));
        var other = ContractData.NewCase(nextDeadline: null) with { OpenDeadlines = [start] };
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(other, ContractData.Event(other), Ct));

        Assert.Equal(c1, await store.GetAsync(c1.Id, Ct));
        Assert.Equal(e1, Assert.Single(await store.GetHistoryAsync(c1.Id, Ct)));
        Assert.Null(await store.GetAsync(other.Id, Ct));

        // The same update with its deadlines as sealed is taken: only the deadlines were refused.
        await store.UpdateAsync(c2, 1, e2, Ct);
        Assert.Equal(c2, await store.GetAsync(c1.Id, Ct));
    }

    /// <summary>History comes back oldest first, and its hash chain verifies against the stored case.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task History_comes_back_oldest_first_with_an_intact_hash_chain()
    {
        var store = CreateStore();
        var (c, e) = await ContractData.CreateAsync(store);
        for (var i = 0; i < 5; i++)
        {
            (c, e) = ContractData.Next(c, e);
            await store.UpdateAsync(c, c.Version - 1, e, Ct);
        }

        var reader = CreateReader(store);
        var history = await reader.GetHistoryAsync(c.Id, Ct);

        Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(x => x.Sequence));
        Assert.True(SipAuditChain.Verify(history, await reader.GetAsync(c.Id, Ct)).IsIntact);
    }

    /// <summary>What a store returns is immutable: casting a list or the event details to a writable interface and changing it throws, and the store is unchanged.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Changing_what_the_store_returned_never_changes_the_store()
    {
        var store = CreateStore();
        var (c, e) = await ContractData.CreateAsync(store);
        (c, e) = ContractData.Next(c, e);
        await store.UpdateAsync(c, 1, e, Ct);

        var history = await store.GetHistoryAsync(c.Id, Ct);
        var read = await store.GetAsync(c.Id, Ct);

        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)history[0].Details)["version"] = "forged");
        Assert.Throws<NotSupportedException>(() => ((ICollection<Consent>)read!.Consents).Add(new Consent
        {
            Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = ContractData.Start,
        }));
        if (history is ICollection<SipEvent> { IsReadOnly: false } writable)
        {
            // A store may hand out a fresh list per call; changing it must still not reach the store.
            writable.Clear();
        }

        Assert.Equal(2, (await store.GetHistoryAsync(c.Id, Ct)).Count);
        Assert.Equal("1", (await store.GetHistoryAsync(c.Id, Ct))[0].Details["version"]);
        Assert.Empty((await store.GetAsync(c.Id, Ct))!.Consents);
    }

    /// <summary>A write whose token is already cancelled throws <see cref="OperationCanceledException"/> and writes nothing.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_cancelled_write_writes_nothing()
    {
        var store = CreateStore();
        var c = ContractData.NewCase();
        var (existing, opened) = await ContractData.CreateAsync(store);
        var (next, nextEvent) = ContractData.Next(existing, opened);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateAsync(c, ContractData.Event(c), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpdateAsync(next, 1, nextEvent, cancelled.Token));

        Assert.Null(await store.GetAsync(c.Id, Ct));
        Assert.Equal(existing, await store.GetAsync(existing.Id, Ct));
        Assert.Single(await store.GetHistoryAsync(existing.Id, Ct));
    }
}
