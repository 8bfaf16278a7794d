using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing;

/// <summary>
/// The promises every <see cref="ISipCaseStore"/> keeps. A provider's test project subclasses this in one line and
/// implements <see cref="CreateStore"/>; every test here then runs against that provider.
/// </summary>
public abstract class SipCaseStoreContract
{
    /// <summary>A new, empty store.</summary>
    protected abstract ISipCaseStore CreateStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_of_an_unknown_case_returns_null()
    {
        var store = CreateStore();

        (await store.GetAsync(SipCaseId.New(), Ct)).Should().BeNull();
        (await store.GetHistoryAsync(SipCaseId.New(), Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_full_case_written_by_the_engine_reads_back_equal_in_every_part()
    {
        var scenario = new SipScenario(SipPolicy.VastraGotaland, CreateStore());
        var summoned = await scenario.SummonedAsync(SipTestData.Adult() with { HasProtectedIdentity = true, InterpreterLanguage = "arabiska" },
            CaseOrigin.InpatientDischarge(SipTestData.Start.AddHours(-5)));
        var w = scenario.Workflow;
        var social = summoned.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        await w.ChangeParticipantAsync(new ChangeParticipant
        {
            CaseId = summoned.Id, Actor = scenario.Actor, ParticipantId = social.Id,
            Substitute = new Substitute { Person = new ContactPerson { Name = "Per Ek", Title = "enhetschef" }, HasMandateToDecide = true },
        }, Ct);
        await w.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = summoned.Id, Actor = scenario.Actor, MeetingId = summoned.PlanMeeting!.Id,
            Attendance = [.. summoned.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct);
        scenario.Time.Advance(TimeSpan.FromDays(7));
        await w.EstablishPlanAsync(SipTestData.CompletePlan(summoned.Id, scenario.Time.GetUtcNow().AddMonths(3)), Ct);
        scenario.Time.Advance(TimeSpan.FromDays(60));
        await w.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = summoned.Id,
            Actor = scenario.Actor,
            FollowUp = new FollowUpRecord { HeldAt = scenario.Time.GetUtcNow(), Progress = "Går framåt.\nBehöver mer stöd kvällstid.", AnotherInterventionNeeded = true },
        }, Ct);
        await w.RecordDeviationAsync(new RecordDeviation
        {
            CaseId = summoned.Id,
            Actor = scenario.Actor,
            Deviation = new Deviation { Kind = DeviationKind.PlanNotFollowed, Description = "Kvällsbesöken uteblev två gånger." },
        }, Ct);
        var written = (await w.RevisePlanAsync(SipTestData.CompleteRevision(summoned.Id, scenario.Time.GetUtcNow().AddMonths(3)), Ct)).Case;

        var read = await CreateReader(scenario.Store).GetAsync(summoned.Id, Ct);

        read.Should().BeEquivalentTo(written, o => o.RespectingRuntimeTypes().ComparingRecordsByMembers());
        read!.PlanRevisions.Should().HaveCount(2);
        read.Individual.Reference.Value.Should().Be("patient-7f3a");
    }

    /// <summary>
    /// The store to read back from in a round trip. By default the same instance; a database provider may return a
    /// second instance over the same database so that nothing is served from memory.
    /// </summary>
    protected virtual ISipCaseStore CreateReader(ISipCaseStore writer) => writer;

    [Fact]
    public async Task Create_stores_version_1_and_the_opening_event()
    {
        var store = CreateStore();
        var (c, e) = await StoreData.CreateAsync(store);

        (await store.GetAsync(c.Id, Ct))!.Version.Should().Be(1);
        (await store.GetHistoryAsync(c.Id, Ct)).Should().ContainSingle().Which.Should().BeEquivalentTo(e);
    }

    [Fact]
    public async Task Create_of_an_existing_id_throws_a_concurrency_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var (c, _) = await StoreData.CreateAsync(store);
        var other = StoreData.NewCase(c.Id, subject: "someone-else");

        var act = () => StoreData.CreateAsync(store, other);

        (await act.Should().ThrowAsync<SipConcurrencyException>()).Which.CaseId.Should().Be(c.Id);
        (await store.GetAsync(c.Id, Ct))!.Individual.Reference.Value.Should().Be("patient-7f3a");
        (await store.GetHistoryAsync(c.Id, Ct)).Should().ContainSingle();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Create_with_a_version_other_than_1_is_refused_and_stores_nothing(long version)
    {
        var store = CreateStore();
        var c = StoreData.NewCase() with { Version = version };

        var act = () => store.CreateAsync(c, StoreData.Event(c with { Version = 1 }), Ct);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*version 1*");
        (await store.GetAsync(c.Id, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Update_raises_the_version_and_appends_the_event()
    {
        var store = CreateStore();
        var (c1, e1) = await StoreData.CreateAsync(store);
        var (c2, e2) = StoreData.Next(c1, e1);

        await store.UpdateAsync(c2, 1, e2, Ct);

        (await store.GetAsync(c1.Id, Ct))!.Version.Should().Be(2);
        (await store.GetHistoryAsync(c1.Id, Ct)).Select(e => e.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Update_from_a_stale_version_throws_naming_case_and_versions_and_changes_nothing()
    {
        var store = CreateStore();
        var (c1, e1) = await StoreData.CreateAsync(store);
        var (c2, e2) = StoreData.Next(c1, e1);
        await store.UpdateAsync(c2, 1, e2, Ct);
        var (stale, staleEvent) = StoreData.Next(c1, e1, change: c => c with { IdentifiedBy = PrincipalKind.Municipality });

        var act = () => store.UpdateAsync(stale, 1, staleEvent, Ct);

        var thrown = (await act.Should().ThrowAsync<SipConcurrencyException>()).Which;
        thrown.CaseId.Should().Be(c1.Id);
        thrown.ExpectedVersion.Should().Be(1);
        thrown.ActualVersion.Should().Be(2);
        thrown.Message.Should().Contain(c1.Id.ToString()).And.Contain("expected version 1").And.Contain("version 2");
        (await store.GetAsync(c1.Id, Ct))!.IdentifiedBy.Should().Be(PrincipalKind.Region);
        (await store.GetHistoryAsync(c1.Id, Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Update_of_an_unknown_case_throws_not_found()
    {
        var store = CreateStore();
        var c = StoreData.NewCase();
        var (c2, e2) = StoreData.Next(c, StoreData.Event(c));

        var act = () => store.UpdateAsync(c2, 1, e2, Ct);

        await act.Should().ThrowAsync<SipCaseNotFoundException>();
    }

    [Fact]
    public async Task Update_whose_versions_do_not_line_up_is_refused_and_changes_nothing()
    {
        var store = CreateStore();
        var (c1, e1) = await StoreData.CreateAsync(store);
        var (c2, e2) = StoreData.Next(c1, e1);

        var skipping = () => store.UpdateAsync(c2 with { Version = 3 }, 1, e2, Ct);
        var wrongSequence = () => store.UpdateAsync(c2, 1, e2 with { Sequence = 5 }, Ct);
        var otherCase = () => store.UpdateAsync(c2, 1, e2 with { CaseId = SipCaseId.New() }, Ct);

        await skipping.Should().ThrowAsync<ArgumentException>();
        await wrongSequence.Should().ThrowAsync<ArgumentException>();
        await otherCase.Should().ThrowAsync<ArgumentException>();
        (await store.GetAsync(c1.Id, Ct))!.Version.Should().Be(1);
        (await store.GetHistoryAsync(c1.Id, Ct)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_command_id_is_found_again_and_cannot_be_used_twice()
    {
        var store = CreateStore();
        var (c1, e1) = await StoreData.CreateAsync(store);
        var commandId = CommandId.New();
        var (c2, e2) = StoreData.Next(c1, e1, commandId);
        await store.UpdateAsync(c2, 1, e2, Ct);
        var (c3, e3) = StoreData.Next(c2, e2, commandId);

        var act = () => store.UpdateAsync(c3, 2, e3, Ct);

        await act.Should().ThrowAsync<SipConcurrencyException>();
        (await store.FindByCommandIdAsync(commandId, Ct)).Should().BeEquivalentTo(e2);
        (await store.FindByCommandIdAsync(CommandId.New(), Ct)).Should().BeNull();
        (await store.GetAsync(c1.Id, Ct))!.Version.Should().Be(2);
        (await store.GetHistoryAsync(c1.Id, Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task History_comes_back_oldest_first_with_an_intact_hash_chain()
    {
        var store = CreateStore();
        var (c, e) = await StoreData.CreateAsync(store);
        for (var i = 0; i < 5; i++)
        {
            (c, e) = StoreData.Next(c, e);
            await store.UpdateAsync(c, c.Version - 1, e, Ct);
        }

        var history = await store.GetHistoryAsync(c.Id, Ct);

        history.Select(x => x.Sequence).Should().Equal(1, 2, 3, 4, 5, 6);
        SipAuditChain.Verify(history, await store.GetAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Changing_what_the_store_returned_never_changes_the_store()
    {
        var store = CreateStore();
        var (c, e) = await StoreData.CreateAsync(store);
        (c, e) = StoreData.Next(c, e);
        await store.UpdateAsync(c, 1, e, Ct);

        var history = await store.GetHistoryAsync(c.Id, Ct);
        var tryEditDetails = () => ((IDictionary<string, string>)history[0].Details)["version"] = "forged";
        var read = await store.GetAsync(c.Id, Ct);
        var consents = read!.Consents as ICollection<Consent>;
        var tryAdd = () => consents!.Add(new Consent
        {
            Id = ConsentId.New(), Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = SipTestData.Start,
        });

        tryEditDetails.Should().Throw<NotSupportedException>("an event's details cannot be changed");
        tryAdd.Should().Throw<NotSupportedException>("a case's lists are immutable");
        (await store.GetHistoryAsync(c.Id, Ct)).Should().HaveCount(2);
        (await store.GetAsync(c.Id, Ct))!.Consents.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_one_of_many_concurrent_writers_from_the_same_version_wins()
    {
        var store = CreateStore();
        var (c1, e1) = await StoreData.CreateAsync(store);
        var attempts = Enumerable.Range(0, 8).Select(i => StoreData.Next(c1, e1,
            change: c => c with { PolicyName = $"writer {i}" })).ToArray();

        var results = await Task.WhenAll(attempts.Select(async a =>
        {
            await Task.Yield();
            try
            {
                await store.UpdateAsync(a.Case, 1, a.Event, Ct);
                return a.Case.PolicyName;
            }
            catch (SipConcurrencyException)
            {
                return null;
            }
        }));

        var winner = results.Should().ContainSingle(r => r != null).Which;
        (await store.GetAsync(c1.Id, Ct))!.PolicyName.Should().Be(winner);
        (await store.GetHistoryAsync(c1.Id, Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_cancelled_write_writes_nothing()
    {
        var store = CreateStore();
        var c = StoreData.NewCase();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => store.CreateAsync(c, StoreData.Event(c), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await store.GetAsync(c.Id, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Queries_filter_by_state_subject_lead_principal_and_deadline()
    {
        var store = CreateStore();
        var deadline = SipTestData.Start.AddDays(3);
        var (due, _) = await StoreData.CreateAsync(store, StoreData.NewCase(subject: "a", nextDeadline: deadline));
        var (later, _) = await StoreData.CreateAsync(store, StoreData.NewCase(subject: "b", nextDeadline: deadline.AddDays(30)));
        var (led, _) = await StoreData.CreateAsync(store, StoreData.NewCase(subject: "a") with
        {
            State = SipState.Summoned,
            LeadPrincipal = SipTestData.MunicipalLead,
        });

        async Task<IEnumerable<SipCaseId>> Ids(SipCaseQuery q) => (await store.QueryAsync(q, Ct)).Cases.Select(c => c.Id);

        (await Ids(new SipCaseQuery { State = SipState.Summoned })).Should().Equal(led.Id);
        (await Ids(new SipCaseQuery { Subject = new SubjectReference("a") })).Should().BeEquivalentTo([due.Id, led.Id]);
        (await Ids(new SipCaseQuery { LeadPrincipal = PrincipalKind.Municipality })).Should().Equal(led.Id);
        (await Ids(new SipCaseQuery { LeadPrincipal = PrincipalKind.Region })).Should().BeEmpty();
        (await Ids(new SipCaseQuery { LeadOrganisation = SipTestData.SocialServicesUnit.Identifier })).Should().Equal(led.Id);
        (await Ids(new SipCaseQuery { DeadlineAtOrBefore = deadline })).Should().Equal(due.Id);
        (await Ids(new SipCaseQuery { DeadlineAtOrBefore = deadline.AddDays(60) })).Should().Equal(due.Id, later.Id);
        (await Ids(new SipCaseQuery { Subject = new SubjectReference("a"), State = SipState.NeedIdentified })).Should().Equal(due.Id);
    }

    [Fact]
    public async Task Queries_see_what_later_commands_changed_in_state_lead_principal_and_deadline()
    {
        var scenario = new SipScenario(store: CreateStore());
        var c = await scenario.PlanEstablishedAsync();
        var reader = CreateReader(scenario.Store);

        async Task<IEnumerable<SipCaseId>> Ids(SipCaseQuery q) => (await reader.QueryAsync(q, Ct)).Cases.Select(x => x.Id);

        (await Ids(new SipCaseQuery { State = SipState.PlanEstablished })).Should().Equal(c.Id);
        (await Ids(new SipCaseQuery { State = SipState.NeedIdentified })).Should().BeEmpty();
        (await Ids(new SipCaseQuery { LeadPrincipal = PrincipalKind.Municipality })).Should().Equal(c.Id);
        (await Ids(new SipCaseQuery { DeadlineAtOrBefore = c.FollowUpBooking!.At })).Should().Equal(c.Id);
        (await Ids(new SipCaseQuery { DeadlineAtOrBefore = c.FollowUpBooking.At.AddTicks(-1) })).Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_return_every_matching_case_once_ordered_by_deadline_then_id()
    {
        var store = CreateStore();
        var created = new List<SipCase>();
        for (var i = 0; i < 23; i++)
        {
            // Some share a deadline, some have none, so both parts of the order are exercised.
            DateTimeOffset? deadline = i % 5 == 0 ? null : SipTestData.Start.AddDays(i % 4);
            created.Add((await StoreData.CreateAsync(store, StoreData.NewCase(nextDeadline: deadline))).Case);
        }

        var seen = new List<SipCase>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new SipCaseQuery { PageSize = 5, ContinuationToken = token }, Ct);
            page.Cases.Count.Should().BeLessThanOrEqualTo(5);
            seen.AddRange(page.Cases);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        pages.Should().Be(5);
        seen.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(created.Select(c => c.Id));
        var expected = created.OrderBy(c => c.NextDeadline is null).ThenBy(c => c.NextDeadline).ThenBy(c => c.Id.Value).Select(c => c.Id);
        seen.Select(c => c.Id).Should().Equal(expected);
    }

    [Theory]
    [InlineData("'; DROP TABLE sip_cases; --")]
    [InlineData("Robert\"); DELETE FROM sip_events WHERE (\"1\" = \"1")]
    [InlineData("Ω Ärende 東京 مرحبا Привет 👩‍⚕️")]
    [InlineData("%_\\ LIKE ' OR 1=1")]
    public async Task Text_with_sql_metacharacters_or_mixed_scripts_is_stored_and_found_verbatim(string text)
    {
        var scenario = new SipScenario(store: CreateStore());
        var c = await scenario.OpenAsync(SipTestData.Adult(text));
        await scenario.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = scenario.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = text } }, Ct);
        var reader = CreateReader(scenario.Store);

        var read = await reader.GetAsync(c.Id, Ct);
        var found = await reader.QueryAsync(new SipCaseQuery { Subject = new SubjectReference(text) }, Ct);

        read!.Individual.Reference.Value.Should().Be(text);
        read.Deviations.Single().Description.Should().Be(text);
        found.Cases.Should().ContainSingle().Which.Id.Should().Be(c.Id);
        (await reader.QueryAsync(new SipCaseQuery(), Ct)).Cases.Should().ContainSingle("nothing was dropped or deleted");
    }

    [Fact]
    public async Task An_event_with_text_no_store_could_keep_is_refused_and_nothing_is_written()
    {
        var store = CreateStore();
        var c = StoreData.NewCase();
        var nul = StoreData.Event(c) with { Details = new Dictionary<string, string> { ["note"] = "noll\0tecken" } };
        var badHash = StoreData.Event(c) with { Hash = "not-a-hash" };

        var withNul = () => store.CreateAsync(c, nul, Ct);
        var withBadHash = () => store.CreateAsync(c, badHash, Ct);

        await withNul.Should().ThrowAsync<ArgumentException>().WithParameterName("Details");
        await withBadHash.Should().ThrowAsync<ArgumentException>().WithParameterName("Hash");
        (await store.GetAsync(c.Id, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Due_work_pages_hold_across_offsets_and_keep_to_the_horizon()
    {
        var store = CreateStore();
        var horizon = SipTestData.Start.AddDays(10);
        var expected = new List<SipCaseId>();
        for (var i = 0; i < 9; i++)
        {
            // The same instants written with different offsets: the order is by instant, whatever the offset.
            var deadline = SipTestData.Start.AddHours(i * 30).ToOffset(TimeSpan.FromHours(i % 3 == 0 ? 2 : -5));
            var (created, _) = await StoreData.CreateAsync(store, StoreData.NewCase(nextDeadline: deadline));
            if (deadline <= horizon)
            {
                expected.Add(created.Id);
            }
        }

        await StoreData.CreateAsync(store, StoreData.NewCase(nextDeadline: null));
        var seen = new List<SipCaseId>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync(new SipCaseQuery { DeadlineAtOrBefore = horizon, PageSize = 2, ContinuationToken = token }, Ct);
            seen.AddRange(page.Cases.Select(x => x.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        seen.Should().Equal(expected);
    }

    [Fact]
    public async Task A_continuation_token_not_made_by_a_store_is_refused()
    {
        var act = () => new SipCaseQuery { ContinuationToken = "'; DROP TABLE cases; --" };

        act.Should().Throw<ArgumentException>().WithParameterName("ContinuationToken");
        await Task.CompletedTask;
    }
}
