using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Indicators;

/// <summary>
/// Indicators for a seeded set of lifecycles, every expected number worked out by hand below from the times each case
/// was given; the discharge summons deadline of lag (2017:612) counted in Swedish calendar days and moved off a weekend.
/// </summary>
public sealed class IndicatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly SipIndicatorPeriod March = SipIndicatorPeriod.Month(new SipYearMonth(2026, 3));

    private static readonly SipIndicatorFilter Outpatient = new() { Origin = OriginKind.Outpatient };

    private static readonly SipIndicatorFilter Discharge = new() { Origin = OriginKind.InpatientDischarge };

    private static SipIndicators IndicatorsOf(SipScenario s, int minimumCellSize)
        => new(s.Store, (ISipIndicatorStore)s.Store, s.Workflow.Policies, new SipIndicatorOptions { MinimumCellSize = minimumCellSize }, s.Time);

    // Opened, consented, prepared, summoned and planned at the given offsets from one another; kin took part unless not.
    private static async Task<SipCaseId> PlannedAsync(ISipCaseStore store, DateTimeOffset openAt, int toConsent, int toSummons, int toMeeting, int toPlan, bool kinTookPart = true)
    {
        var s = At(store, openAt);
        var c = await s.OpenAsync();
        s.Time.SetUtcNow(openAt.AddHours(toConsent));
        await s.ConsentAsync(c.Id);
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        var summonsAt = s.Time.GetUtcNow().AddHours(toSummons);
        var meetingAt = summonsAt.AddHours(toMeeting);
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(meetingAt) }, Ct);
        s.Time.SetUtcNow(summonsAt);
        await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        s.Time.SetUtcNow(meetingAt.AddHours(toPlan));
        var establish = SipTestData.CompletePlan(c.Id, meetingAt.AddMonths(3));
        if (!kinTookPart)
        {
            establish = establish with { Plan = establish.Plan with { KinParticipation = new KinParticipation { Participated = false } } };
        }

        await s.Workflow.EstablishPlanAsync(establish, Ct);
        return c.Id;
    }

    // A discharge case on a ready-for-discharge notice, summoned at the given instant.
    private static async Task DischargeSummonedAsync(ISipCaseStore store, DateTimeOffset readyAt, DateTimeOffset summonsAt)
    {
        var s = At(store, readyAt.AddMinutes(30));
        var c = await s.OpenAsync(origin: CaseOrigin.InpatientDischarge(readyAt));
        await s.ConsentAsync(c.Id);
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(Utc(20, 8)) }, Ct);
        s.Time.SetUtcNow(summonsAt);
        await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
    }

    // Each case runs on its own clock over the one store, so that the cases' times may overlap.
    private static SipScenario At(ISipCaseStore store, DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        return new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance }, time), store, time);
    }

    /// <summary>The seeded month: March 2026, Swedish time UTC+1 throughout; the scenario's clock stands at 31 March.</summary>
    private static async Task<SipScenario> SeededAsync()
    {
        var store = new InMemorySipCaseStore();

        // A, B, C: hours identified→consent, consent→summons, summons→meeting, meeting→plan.
        var a = await PlannedAsync(store, Utc(2, 8), 24, 24, 72, 1);
        await PlannedAsync(store, Utc(2, 9), 48, 48, 96, 2);
        await PlannedAsync(store, Utc(2, 10), 72, 10, 120, 0, kinTookPart: false);
        var s = At(store, Utc(12, 8));

        // Evaluations of the plan meetings, each respondent kind apart: the individual scored "heard" 5, 4 and 3 at A, B
        // and C; a professional 2 at A; next of kin "prepared" 4 at B.
        var planned = (await store.QueryAsync(new SipCaseQuery { State = SipState.PlanEstablished, PageSize = 100 }, Ct)).Cases.OrderBy(c => c.OpenedAt).ToList();
        foreach (var (c, score) in planned.Zip([5, 4, 3]))
        {
            await Evaluate(s, c, EvaluationRespondent.Individual, "heard", score);
        }

        await Evaluate(s, planned[0], EvaluationRespondent.Professional, "heard", 2);
        await Evaluate(s, planned[1], EvaluationRespondent.NextOfKin, "prepared", 4);
        await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = a, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Kallelsen kom fram sent." } }, Ct);

        // D declines the offer; E consents after one hour, then withdraws; F is opened and left alone.
        s = At(store, Utc(3, 8));
        var d = await s.OpenAsync();
        await s.Workflow.DeclineOfferAsync(new DeclineOffer { CaseId = d.Id, Actor = s.Actor }, Ct);
        s.Time.SetUtcNow(Utc(3, 10));
        var e = await s.OpenAsync();
        s.Time.SetUtcNow(Utc(3, 11));
        await s.ConsentAsync(e.Id);
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = e.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual }, Ct);
        s.Time.SetUtcNow(Utc(5, 8));
        await s.OpenAsync();

        // Discharges. Ready Friday 6 March: day three is Monday 9 March, due when Tuesday begins in Sweden (23:00 UTC);
        // summoned Monday 20:00 UTC (21:00 Swedish), 83 hours: on time.
        await DischargeSummonedAsync(store, Utc(6, 9), Utc(9, 20));

        // Ready Wednesday 4 March: day three is Saturday 7 March, so the limit ends on Monday 9 March (lag (1930:173));
        // summoned Monday 10:00 UTC, 121 hours: on time, though more than 72 hours passed.
        await DischargeSummonedAsync(store, Utc(4, 9), Utc(9, 10));

        // Ready the same Wednesday, summoned Tuesday 10 March 08:00 UTC, 143 hours: late.
        await DischargeSummonedAsync(store, Utc(4, 9), Utc(10, 8));

        return At(store, Utc(31, 12));
    }

    private static Task Evaluate(SipScenario s, SipCase c, EvaluationRespondent respondent, string question, int score)
        => s.Workflow.RecordEvaluationAsync(new RecordEvaluation
        {
            CaseId = c.Id, Actor = s.Actor,
            Evaluation = new Evaluation { MeetingId = c.PlanMeeting!.Id, Respondent = respondent, Answers = [new EvaluationAnswer { QuestionId = question, Score = score }] },
        }, Ct);

    [Fact]
    public async Task A_month_of_seeded_lifecycles_gives_the_hand_computed_counts_durations_and_shares()
    {
        var s = await SeededAsync();
        var report = await IndicatorsOf(s, minimumCellSize: 1).GetIndicatorsAsync(March, Outpatient, Ct);

        report.Get(SipIndicatorNames.CasesOpened).Count.Should().Be(6);
        report.Get(SipIndicatorNames.PlansEstablished).Count.Should().Be(3);
        report.Get(SipIndicatorNames.Declined).Count.Should().Be(1);
        report.Get(SipIndicatorNames.Withdrawn).Count.Should().Be(1);
        report.Get(SipIndicatorNames.Closed, nameof(ClosureReason.OfferDeclined)).Count.Should().Be(1);
        report.Get(SipIndicatorNames.Closed, nameof(ClosureReason.ConsentWithdrawn)).Count.Should().Be(1);
        report.Get(SipIndicatorNames.Closed, nameof(ClosureReason.Deceased)).Count.Should().Be(0);

        // Nearest rank: of n sorted values the median is the ceil(n/2)-th, the 90th percentile the ceil(0.9 n)-th.
        // Identified → consent: A 24, B 48, C 72, E 1 → sorted 1, 24, 48, 72: median the 2nd (24), p90 the 4th (72).
        Duration(report, SipIndicatorNames.NeedIdentifiedToConsent, 4, 24, 72);

        // Consent → summons: 24, 48, 10 → 10, 24, 48. Summons → meeting: 72, 96, 120. Meeting → plan: 1, 2, 0.
        Duration(report, SipIndicatorNames.ConsentToSummons, 3, 24, 48);
        Duration(report, SipIndicatorNames.SummonsToFirstMeeting, 3, 96, 120);
        Duration(report, SipIndicatorNames.FirstMeetingToPlan, 3, 1, 2);

        // Identified → plan: A 24+24+72+1 = 121; B 194 and C 202, past the first week kept to the whole day: 192 each.
        Duration(report, SipIndicatorNames.NeedIdentifiedToPlan, 3, 192, 192);

        Share(report, SipIndicatorNames.PlansWithFollowUpBooked, 3, 3);
        Share(report, SipIndicatorNames.PlansWithLeadPrincipal, 3, 3);
        Share(report, SipIndicatorNames.PlansWithCoordinator, 3, 3);
        Share(report, SipIndicatorNames.PlansWithIndividualTakingPart, 3, 3);
        Share(report, SipIndicatorNames.PlansWithKinTakingPart, 2, 3);
        report.Get(SipIndicatorNames.Deviations, nameof(DeviationKind.Other)).Count.Should().Be(1);
        report.Get(SipIndicatorNames.Deviations, nameof(DeviationKind.CalledPrincipalAbsent)).Count.Should().Be(0);

        // Evaluations: the individual's three answers (5, 4, 3) apart from the professional's one (2) and kin's one (4).
        report.Get(SipIndicatorNames.Evaluation, "Individual:heard").Should().Match<SipIndicator>(i => i.Count == 3 && i.Mean == 4.0);
        report.Get(SipIndicatorNames.Evaluation, "Professional:heard").Should().Match<SipIndicator>(i => i.Count == 1 && i.Mean == 2.0);
        report.Get(SipIndicatorNames.Evaluation, "NextOfKin:prepared").Should().Match<SipIndicator>(i => i.Count == 1 && i.Mean == 4.0);

        // F was opened on 5 March and never started: its start deadline (five days) is long past on 31 March.
        report.Get(SipIndicatorNames.OpenPastDeadline, SipRequirements.DeadlineStart.Code).Count.Should().Be(1);
        report.Indicators.Should().NotContain(i => i.Suppressed, "a minimum cell size of 1 hides nothing");
    }

    [Fact]
    public async Task The_discharge_summons_share_counts_the_three_days_in_calendar_days_moved_off_the_weekend()
    {
        var s = await SeededAsync();
        var report = await IndicatorsOf(s, minimumCellSize: 1).GetIndicatorsAsync(March, Discharge, Ct);

        // Both Wednesday and Friday notices fall due when Tuesday 10 March begins in Sweden.
        SipDeadlines.DischargeSummonsDue(Utc(4, 9), SipPolicy.NationalGuidance).Should().Be(Utc(9, 23));
        SipDeadlines.DischargeSummonsDue(Utc(6, 9), SipPolicy.NationalGuidance).Should().Be(Utc(9, 23));

        // Summoned after 83, 121 and 143 hours: the first two on time, the third late.
        Share(report, SipIndicatorNames.DischargeSummonsWithinDeadline, 2, 3);
        Duration(report, SipIndicatorNames.ReadyForDischargeToSummons, 3, 121, 143);
        report.Get(SipIndicatorNames.CasesOpened).Count.Should().Be(3);
        report.Get(SipIndicatorNames.PlansEstablished).Count.Should().Be(0);

        // Every case together: six outpatient and three discharge cases.
        (await IndicatorsOf(s, 1).GetIndicatorsAsync(March, cancellationToken: Ct)).Get(SipIndicatorNames.CasesOpened).Count.Should().Be(9);
    }

    [Fact]
    public async Task Small_numbers_are_suppressed_at_the_default_minimum_cell_size_and_nothing_about_a_case_leaves()
    {
        var s = await SeededAsync();
        var report = await new SipIndicators(s.Store, (ISipIndicatorStore)s.Store, s.Workflow.Policies, timeProvider: s.Time).GetIndicatorsAsync(March, Outpatient, Ct);

        report.MinimumCellSize.Should().Be(5);
        report.Get(SipIndicatorNames.CasesOpened).Should().Match<SipIndicator>(i => i.Count == 6 && !i.Suppressed);
        report.Get(SipIndicatorNames.PlansEstablished).Should().Match<SipIndicator>(i => i.Count == null && i.Suppressed, "three plans is below five");
        report.Get(SipIndicatorNames.Declined).Should().Match<SipIndicator>(i => i.Count == null && i.Suppressed);
        report.Get(SipIndicatorNames.Closed, nameof(ClosureReason.Deceased)).Should().Match<SipIndicator>(i => i.Count == 0 && !i.Suppressed, "a zero points at nobody");
        report.Get(SipIndicatorNames.ConsentToSummons).Should().Match<SipIndicator>(i => i.Count == null && i.Median == null && i.Percentile90 == null && i.Suppressed);
        report.Get(SipIndicatorNames.PlansWithKinTakingPart).Should().Match<SipIndicator>(i => i.Share == null && i.Numerator == null && i.Suppressed);

        // Five or more identified→consent durations would show; four do not.
        report.Get(SipIndicatorNames.NeedIdentifiedToConsent).Should().Match<SipIndicator>(i => i.Count == null && i.Median == null && i.Suppressed);
        report.Get(SipIndicatorNames.Evaluation, "Individual:heard").Should().Match<SipIndicator>(i => i.Count == null && i.Mean == null && i.Suppressed);

        // A share whose remainder is small is hidden too, or the total would give it away: 6 of 7 with a minimum of 2.
        var share = new SipIndicatorCell(new SipYearMonth(2026, 3), SipIndicatorNames.PlansWithLeadPrincipal, 1, new SipIndicatorDimensions("Region", "u", "p", "Outpatient"), 6);
        var remainder = share with { Value = 0, Count = 1 };
        var shown = SipIndicators.Report(March, SipIndicatorFilter.All, Utc(31, 12), 0, [share, remainder], [], 2).Get(SipIndicatorNames.PlansWithLeadPrincipal);
        shown.Should().Match<SipIndicator>(i => i.Count == 7 && i.Numerator == null && i.Share == null && i.Suppressed);

        // What leaves is aggregate: no case id, no individual, no unit the filter did not name.
        var cases = await s.Store.QueryAsync(new SipCaseQuery { PageSize = 100 }, Ct);
        foreach (var text in new[] { report.ToCsv(), report.ToJson() })
        {
            text.Should().NotContain(SipTestData.Adult().Reference.Value);
            foreach (var c in cases.Cases)
            {
                text.Should().NotContain(c.Id.ToString());
            }
        }
    }

    [Fact]
    public async Task A_report_exports_as_csv_and_json_with_the_same_numbers()
    {
        var s = await SeededAsync();
        var report = await IndicatorsOf(s, 1).GetIndicatorsAsync(March, Outpatient, Ct);

        var csv = report.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().Be("period,principal,unit,policy,origin,name,kind,count,numerator,share,unknown,median_hours,p90_hours,mean,suppressed");
        csv.Should().HaveCount(report.Indicators.Count + 1);
        csv.Should().Contain("2026-03,,,,Outpatient,CasesOpened,,6,,,,,,,false");
        csv.Should().Contain("2026-03,,,,Outpatient,PlansWithKinTakingPart,,3,2,0.6667,0,,,,false");
        csv.Should().Contain("2026-03,,,,Outpatient,ConsentToSummons,,3,,,,24,48,,false");

        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        json.RootElement.GetProperty("period").GetProperty("first").GetString().Should().Be("2026-03");
        json.RootElement.GetProperty("filter").GetProperty("origin").GetString().Should().Be("Outpatient");
        var opened = json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == SipIndicatorNames.CasesOpened);
        opened.GetProperty("count").GetInt64().Should().Be(6);
        var kin = json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == SipIndicatorNames.PlansWithKinTakingPart);
        kin.GetProperty("share").GetDouble().Should().Be(0.6667);
    }

    [Fact]
    public async Task A_filter_by_principal_unit_and_policy_counts_only_the_cases_it_names()
    {
        var s = await SeededAsync();
        var indicators = IndicatorsOf(s, 1);
        var unit = SipTestData.PrimaryCareUnit.Identifier ?? SipTestData.PrimaryCareUnit.Name;

        (await indicators.GetIndicatorsAsync(March, new SipIndicatorFilter { Principal = PrincipalKind.Region, Unit = unit, Policy = SipPolicy.NationalGuidance.Name }, Ct))
            .Get(SipIndicatorNames.CasesOpened).Count.Should().Be(9);
        (await indicators.GetIndicatorsAsync(March, new SipIndicatorFilter { Principal = PrincipalKind.Municipality }, Ct)).Get(SipIndicatorNames.CasesOpened).Count.Should().Be(0);
        (await indicators.GetIndicatorsAsync(March, new SipIndicatorFilter { Unit = "Någon annan enhet" }, Ct)).Get(SipIndicatorNames.CasesOpened).Count.Should().Be(0);
        (await indicators.GetIndicatorsAsync(SipIndicatorPeriod.Month(new SipYearMonth(2026, 4)), cancellationToken: Ct)).Get(SipIndicatorNames.CasesOpened).Count.Should().Be(0);
    }

    [Fact]
    public void Bad_periods_filters_and_options_are_refused_naming_the_argument()
    {
        FluentActions.Invoking(() => new SipIndicatorPeriod(new SipYearMonth(2026, 3), new SipYearMonth(2026, 2)))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("last");
        FluentActions.Invoking(() => new SipIndicatorPeriod(new SipYearMonth(2016, 1), new SipYearMonth(2026, 2)))
            .Should().Throw<ArgumentException>().WithMessage("*at most 120*");
        FluentActions.Invoking(() => new SipIndicatorFilter { Principal = (PrincipalKind)9 }).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Principal");
        FluentActions.Invoking(() => new SipIndicatorFilter { Unit = "  " }).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Unit");
        FluentActions.Invoking(() => new SipIndicatorOptions { MinimumCellSize = 0 }).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("MinimumCellSize");
    }

    [Fact]
    public async Task An_evaluation_is_refused_naming_the_argument_for_a_meeting_not_held_or_not_the_cases_and_for_bad_answers()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var ahead = c.PlanMeeting!.Id;
        RecordEvaluation Of(MeetingId meeting, params EvaluationAnswer[] answers)
            => new() { CaseId = c.Id, Actor = s.Actor, Evaluation = new Evaluation { MeetingId = meeting, Respondent = EvaluationRespondent.NextOfKin, Answers = answers } };
        var heard = new EvaluationAnswer { QuestionId = "heard", Score = 4 };
        await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordEvaluationAsync(Of(ahead, heard), Ct))).ParamName.Should().Be("Evaluation.MeetingId");
        s.Time.SetUtcNow(c.PlanMeeting.StartsAt);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordEvaluationAsync(Of(MeetingId.New(), heard), Ct))).ParamName.Should().Be("Evaluation.MeetingId");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordEvaluationAsync(Of(ahead), Ct))).ParamName.Should().Be("Evaluation.Answers");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordEvaluationAsync(Of(ahead, heard, heard with { Score = 2 }), Ct)))
            .Message.Should().Contain("'heard' more than once");
        FluentActions.Invoking(() => heard with { Score = 6 }).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Score");
        FluentActions.Invoking(() => heard with { QuestionId = "Kände du dig hörd?" }).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("QuestionId");

        var recorded = await s.Workflow.RecordEvaluationAsync(Of(ahead, heard), Ct);
        recorded.Case.Evaluations.Should().ContainSingle().Which.Should().Match<Evaluation>(e => e.Respondent == EvaluationRespondent.NextOfKin && e.RecordedAt == s.Time.GetUtcNow());
        recorded.Event.EventType.Should().Be(SipEventTypes.EvaluationRecorded);
        recorded.Event.Details.Should().Contain("respondent", "NextOfKin").And.Contain("answers", "1").And.NotContainKey("heard");
    }

    [Fact]
    public async Task A_purged_case_leaves_its_counts_but_not_its_row()
    {
        var s = await SeededAsync();
        var store = (InMemorySipCaseStore)s.Store;
        var indicators = IndicatorsOf(s, 1);
        await indicators.CatchUpAsync(Ct);
        var declined = (await store.QueryAsync(new SipCaseQuery { State = SipState.Closed, PageSize = 100 }, Ct)).Cases[0];
        (await store.GetIndicatorCasesAsync([declined.Id], Ct)).Should().ContainSingle();

        var tombstone = new SipTombstone
        {
            CaseId = declined.Id, PurgedAt = Utc(31, 12), Actor = s.Actor, RecordKind = SipRecordKind.SocialServices, RetentionYears = 5,
            LegalBasis = "test", LastEntry = new DateOnly(2026, 3, 3), LastVersion = declined.Version, LastHeadHash = declined.HistoryHead!, Hash = string.Empty,
        };
        await store.PurgeAsync(tombstone with { Hash = SipAuditChain.ComputeTombstoneHash(tombstone) }, Ct);
        var report = await indicators.GetIndicatorsAsync(March, cancellationToken: Ct);

        (await store.GetIndicatorCasesAsync([declined.Id], Ct)).Should().BeEmpty("the per-case row goes with the case");
        report.Get(SipIndicatorNames.CasesOpened).Count.Should().Be(9, "the aggregate counts stay");
    }

    private static void Duration(SipIndicatorReport report, string name, long n, int medianHours, int p90Hours)
        => report.Get(name).Should().Match<SipIndicator>(i => i.Count == n && i.Median == TimeSpan.FromHours(medianHours) && i.Percentile90 == TimeSpan.FromHours(p90Hours),
            $"{name}: n {n}, median {medianHours} h, p90 {p90Hours} h");

    private static void Share(SipIndicatorReport report, string name, long yes, long known)
        => report.Get(name).Should().Match<SipIndicator>(i => i.Numerator == yes && i.Count == known && i.Share == (double)yes / known, $"{name}: {yes} of {known}");
}
