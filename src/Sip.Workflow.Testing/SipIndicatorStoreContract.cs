using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The promises of an <see cref="ISipIndicatorStore"/>: a step of the projection is applied whole, only from the position
/// it was read at, and read back the same through any store instance over the same data; sums that reach zero go; a
/// removed case takes its row and deadlines but not its sums; a reset empties everything; and the projection kept from
/// the feed step by step equals one rebuilt from scratch.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreIndicators() : SipIndicatorStoreContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipIndicatorStoreContract : SipCaseStoreContract
{
    private static readonly SipIndicatorDimensions Region = new("Region", "SE2321000-0001-VCS", "Nationell vägledning", "Outpatient");
    private static readonly SipIndicatorDimensions Municipality = new("Municipality", "Socialtjänsten \"Väster\", Halmstad", "Region Halland", "InpatientDischarge");
    private static readonly SipYearMonth March = new(2026, 3);
    private static readonly SipYearMonth April = new(2026, 4);

    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes; they must implement <see cref="ISipIndicatorStore"/>.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipIndicatorStoreContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    private static ISipIndicatorStore Indicators(ISipCaseStore store) => Assert.IsAssignableFrom<ISipIndicatorStore>(store);

    private static SipIndicatorCaseRow Row(SipCaseId id, SipIndicatorDimensions dimensions, params SipIndicatorContribution[] contributions) => new()
    {
        CaseId = id,
        Dimensions = dimensions,
        Contributions = contributions,
        Deadlines = [new("DEADLINE-START", ContractData.Start.AddDays(5)), new("DEADLINE-FOLLOWUP", ContractData.Start.AddDays(90))],
    };

    private static List<SipIndicatorCell> Cells(SipIndicatorCaseRow row, int sign = 1)
        => [.. row.Contributions.Select(c => new SipIndicatorCell(c.Month, c.Metric, c.Value, row.Dimensions, sign * c.Count))];

    private static string Key(SipIndicatorCell c) => $"{c.Month}|{c.Metric}|{c.Value}|{c.Dimensions}|{c.Count}";

    /// <summary>An empty store holds no projection; a step is applied whole and read back the same through another instance.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_step_is_applied_whole_and_read_back_the_same()
    {
        var store = Indicators(CreateStore());
        Assert.Equal(0, await store.GetIndicatorPositionAsync(Ct));
        Assert.Empty(await store.ReadIndicatorCellsAsync(March, April, Ct));
        Assert.Empty(await store.CountIndicatorDeadlinesAsync(ContractData.Start.AddYears(1), Ct));

        var a = Row(SipCaseId.New(), Region, new SipIndicatorContribution(March, SipIndicatorNames.CasesOpened, 0, 1), new SipIndicatorContribution(March, SipIndicatorNames.ConsentToSummons, 26, 1),
            new SipIndicatorContribution(April, SipIndicatorNames.PlansWithKinTakingPart, -1, 2));
        var b = Row(SipCaseId.New(), Municipality, new SipIndicatorContribution(March, SipIndicatorNames.CasesOpened, 0, 1));
        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 0, Position = 7, Upserts = [a, b], CellDeltas = [.. Cells(a), .. Cells(b)] }, Ct));

        var reader = Indicators(CreateReader((ISipCaseStore)store));
        Assert.Equal(7, await reader.GetIndicatorPositionAsync(Ct));
        var rows = await reader.GetIndicatorCasesAsync([a.CaseId, b.CaseId, SipCaseId.New()], Ct);
        Assert.Equal(2, rows.Count);
        Assert.True(rows.Single(r => r.CaseId == a.CaseId).HoldsSameAs(a));
        Assert.True(rows.Single(r => r.CaseId == b.CaseId).HoldsSameAs(b));
        Assert.Equal(
            [.. Cells(a).Concat(Cells(b)).Select(Key).Order(StringComparer.Ordinal)],
            (await reader.ReadIndicatorCellsAsync(March, April, Ct)).Select(Key).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(3, (await reader.ReadIndicatorCellsAsync(March, March, Ct)).Count);
        Assert.Single(await reader.ReadIndicatorCellsAsync(April, new SipYearMonth(2026, 12), Ct));

        // Deadlines: counted per code and dimensions at or before the instant.
        var due = await reader.CountIndicatorDeadlinesAsync(ContractData.Start.AddDays(5), Ct);
        Assert.Equal(2, due.Count);
        Assert.All(due, d => Assert.Equal(("DEADLINE-START", 1L), (d.Code, d.Count)));
        Assert.Equal(4, (await reader.CountIndicatorDeadlinesAsync(ContractData.Start.AddDays(90), Ct)).Sum(d => d.Count));
        Assert.Empty(await reader.CountIndicatorDeadlinesAsync(ContractData.Start.AddDays(5).AddTicks(-10), Ct));
    }

    /// <summary>
    /// A step read from a position another reader has moved is refused and changes nothing; sums add up across steps, and
    /// a sum that reaches zero goes.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_stale_step_changes_nothing_and_sums_that_reach_zero_go()
    {
        var store = Indicators(CreateStore());
        var a = Row(SipCaseId.New(), Region, new SipIndicatorContribution(March, SipIndicatorNames.CasesOpened, 0, 1));
        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 0, Position = 3, Upserts = [a], CellDeltas = Cells(a) }, Ct));

        var b = Row(SipCaseId.New(), Region, new SipIndicatorContribution(March, SipIndicatorNames.CasesOpened, 0, 1));
        Assert.False(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 0, Position = 5, Upserts = [b], CellDeltas = Cells(b) }, Ct));
        Assert.Equal(3, await store.GetIndicatorPositionAsync(Ct));
        Assert.Empty(await store.GetIndicatorCasesAsync([b.CaseId], Ct));
        Assert.Equal(1, Assert.Single(await store.ReadIndicatorCellsAsync(March, March, Ct)).Count);

        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 3, Position = 5, Upserts = [b], CellDeltas = Cells(b) }, Ct));
        Assert.Equal(2, Assert.Single(await store.ReadIndicatorCellsAsync(March, March, Ct)).Count);

        // a's row replaced by one that adds nothing: the sum goes back to one; then b's too, and the sum goes.
        var emptied = a with { Contributions = [] };
        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 5, Position = 6, Upserts = [emptied], CellDeltas = Cells(a, -1) }, Ct));
        Assert.Equal(1, Assert.Single(await store.ReadIndicatorCellsAsync(March, March, Ct)).Count);
        Assert.Empty(Assert.Single(await store.GetIndicatorCasesAsync([a.CaseId], Ct)).Contributions);
        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 6, Position = 6, CellDeltas = Cells(b, -1) }, Ct));
        Assert.Empty(await store.ReadIndicatorCellsAsync(March, March, Ct));
    }

    /// <summary>A removed (purged) case takes its row and its deadlines, not its sums; a reset empties everything.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_removed_case_keeps_its_sums_and_a_reset_empties_everything()
    {
        var store = Indicators(CreateStore());
        var a = Row(SipCaseId.New(), Region, new SipIndicatorContribution(March, SipIndicatorNames.CasesOpened, 0, 1));
        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 0, Position = 2, Upserts = [a], CellDeltas = Cells(a) }, Ct));

        Assert.True(await store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 2, Position = 4, Removals = [a.CaseId] }, Ct));

        Assert.Empty(await store.GetIndicatorCasesAsync([a.CaseId], Ct));
        Assert.Empty(await store.CountIndicatorDeadlinesAsync(ContractData.Start.AddYears(1), Ct));
        Assert.Single(await store.ReadIndicatorCellsAsync(March, March, Ct));

        await store.ResetIndicatorsAsync(Ct);
        Assert.Equal(0, await store.GetIndicatorPositionAsync(Ct));
        Assert.Empty(await store.ReadIndicatorCellsAsync(March, March, Ct));
    }

    /// <summary>Bad input is refused naming the argument, and changes nothing.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Bad_input_is_refused_naming_the_argument_and_changes_nothing()
    {
        var store = Indicators(CreateStore());
        var a = Row(SipCaseId.New(), Region, new SipIndicatorContribution(March, SipIndicatorNames.CasesOpened, 0, 1));

        Assert.Equal("last", (await Assert.ThrowsAsync<ArgumentException>(() => store.ReadIndicatorCellsAsync(April, March, Ct))).ParamName);
        Assert.Equal("caseIds", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => store.GetIndicatorCasesAsync([.. Enumerable.Range(0, 1001).Select(_ => SipCaseId.New())], Ct))).ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 4, Position = 3, Upserts = [a], CellDeltas = Cells(a) }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveIndicatorsAsync(new SipIndicatorChange { ExpectedPosition = 0, Position = 3, Upserts = [a], Removals = [a.CaseId] }, Ct));

        Assert.Equal(0, await store.GetIndicatorPositionAsync(Ct));
        Assert.Empty(await store.GetIndicatorCasesAsync([a.CaseId], Ct));
        Assert.Empty(await store.ReadIndicatorCellsAsync(March, April, Ct));
    }

    /// <summary>
    /// Over the store's own feed: the projection brought up to date after each command holds the same sums and deadlines
    /// as one rebuilt from scratch.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task The_projection_kept_step_by_step_equals_one_rebuilt_from_scratch()
    {
        var cases = CreateStore();
        var store = Indicators(cases);
        var time = new ManualClock(ContractData.Start);
        var workflow = new SipWorkflow(cases, new SipWorkflowOptions { Access = ContractAccess.DefaultWithUnattributedReads }, timeProvider: time);
        var indicators = new SipIndicators(cases, store, workflow.Policies, timeProvider: time);
        var a = SipCaseId.New();
        var b = SipCaseId.New();
        var commands = new List<Func<Task>>
        {
            () => workflow.OpenCaseAsync(new OpenCase { CaseId = a, Actor = ContractData.Actor, Individual = ContractData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }, Ct),
            () => workflow.OpenCaseAsync(new OpenCase { CaseId = b, Actor = ContractData.SocialWorker, Individual = ContractData.Adult("b-2"), Origin = CaseOrigin.School(), IdentifiedBy = PrincipalKind.Municipality, IdentifyingUnit = ContractData.SocialServicesUnit }, Ct),
            () => workflow.RecordConsentAsync(new RecordConsent { CaseId = a, Actor = ContractData.Actor, Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = time.GetUtcNow() } }, Ct),
            () => workflow.RecordDeviationAsync(new RecordDeviation { CaseId = b, Actor = ContractData.SocialWorker, Deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen start." } }, Ct),
            () => workflow.DeclineOfferAsync(new DeclineOffer { CaseId = b, Actor = ContractData.SocialWorker }, Ct),
            () => workflow.StartPreparationAsync(new StartPreparation { CaseId = a, Actor = ContractData.Actor }, Ct),

            // Left where it was opened: its start deadline stays open.
            () => workflow.OpenCaseAsync(new OpenCase { Actor = ContractData.Actor, Individual = ContractData.Adult("c-3"), Origin = CaseOrigin.SocialServices(), IdentifiedBy = PrincipalKind.Municipality }, Ct),
        };
        foreach (var command in commands)
        {
            time.Advance(TimeSpan.FromHours(30));
            await command();
            await indicators.CatchUpAsync(Ct);
        }

        // A store may make an entry readable a moment after its write (PostgreSQL: once every older transaction in the
        // cluster has ended, and other tests run beside this one): the projection is compared once it has read them all.
        await ContractData.ReadFeedUntilAsync(cases, entries => entries.Count == commands.Count);
        await indicators.CatchUpAsync(Ct);

        var kept = (await store.ReadIndicatorCellsAsync(March, April, Ct)).Select(Key).Order(StringComparer.Ordinal).ToList();
        var keptDue = (await store.CountIndicatorDeadlinesAsync(time.GetUtcNow().AddYears(1), Ct)).Select(d => $"{d.Code}|{d.Dimensions}|{d.Count}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(kept);
        Assert.NotEmpty(keptDue);

        await indicators.RebuildAsync(Ct);

        Assert.Equal(kept, (await store.ReadIndicatorCellsAsync(March, April, Ct)).Select(Key).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(keptDue, (await store.CountIndicatorDeadlinesAsync(time.GetUtcNow().AddYears(1), Ct)).Select(d => $"{d.Code}|{d.Dimensions}|{d.Count}").Order(StringComparer.Ordinal).ToList());
        var report = await indicators.GetIndicatorsAsync(SipIndicatorPeriod.Month(March), cancellationToken: Ct);
        var opened = report.Get(SipIndicatorNames.CasesOpened);
        Assert.True(opened is { Count: null, Suppressed: true }, "two cases is below the minimum cell size of five");
    }
}
