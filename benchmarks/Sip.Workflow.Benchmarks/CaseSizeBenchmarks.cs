using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Sip.Workflow.InMemory;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// Whether a command's cost grows with the case: the same accepted command (<see cref="BenchData.Toggle"/>) on a fresh
/// case (opened and consented: two events) and on a large one (the plan established and revised to 50 revisions, 49
/// follow-ups, 500 events), on the in-memory store and on SQLite with <see cref="SqliteDurability.Full"/> (what hosts
/// run), each store its own category. Issue 20's goal: the large case costs at most 1.5 × the fresh one. The SQLite
/// category also shows the floor: a raw durable transaction writing a document of each case's size and one event row,
/// as the store writes a command, on the same file.
/// </summary>
/// <remarks>
/// The command leaves the document the same size, so the large case stays large however many times it runs; its
/// history grows by one event per run, which is outside the document (and the limit on events is raised so that a long
/// run never meets it).
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CaseSizeBenchmarks
{
    /// <summary>Plan revisions of the large case.</summary>
    public const int Revisions = 50;

    /// <summary>Events of the large case.</summary>
    public const int Events = 500;

    private const int Cases = 4;
    private readonly SipCaseId[] _fresh = new SipCaseId[Cases];
    private readonly SipCaseId[] _large = new SipCaseId[Cases];
    private SipWorkflow _engine = null!;
    private SqliteSipCaseStore? _sqlite;
    private SqliteConnection? _raw;
    private string? _path;
    private string _freshDocument = string.Empty;
    private string _largeDocument = string.Empty;
    private string _eventDocument = string.Empty;
    private readonly long[] _rawVersions = [1_000_000, 1_000_000];
    private int _next;

    private static SipWorkflowOptions Options => new() { MaxEventsPerCase = 1_000_000 };

    [GlobalSetup(Targets = [nameof(InMemory_FreshCase), nameof(InMemory_LargeCase)])]
    public void SetupInMemory()
    {
        var clock = new MutableClock(BenchData.Now);
        _engine = new SipWorkflow(new InMemorySipCaseStore(), Options, clock);
        Fill(_engine, clock);
    }

    [GlobalSetup(Targets = [nameof(Sqlite_FreshCase), nameof(Sqlite_LargeCase), nameof(Sqlite_Raw_FreshDocument), nameof(Sqlite_Raw_LargeDocument)])]
    public void SetupSqlite()
    {
        // Built with NORMAL durability (a few thousand commits would take minutes at FULL), then opened as hosts run it.
        _path = BenchData.TempDatabase("case-size.db");
        var clock = new MutableClock(BenchData.Now);
        using (var building = new SqliteSipCaseStore(new SqliteStoreOptions { Path = _path, Durability = SqliteDurability.Normal }))
        {
            Fill(new SipWorkflow(building, Options, clock), clock);
        }

        _sqlite = new SqliteSipCaseStore(new SqliteStoreOptions { Path = _path, Durability = SqliteDurability.Full });
        _engine = new SipWorkflow(_sqlite, Options, clock);
        _freshDocument = SipJson.SerializeCase(_engine.ReadCaseAsync(_fresh[0], BenchData.Actor).GetAwaiter().GetResult()!);
        _largeDocument = SipJson.SerializeCase(_engine.ReadCaseAsync(_large[0], BenchData.Actor).GetAwaiter().GetResult()!);
        _eventDocument = SipJson.SerializeEvent(_engine.ReadHistoryAsync(_large[0], BenchData.Actor).GetAwaiter().GetResult()[^1]);

        // The raw rows are rows of their own (ids the engine never touches) in the same file and table.
        _raw = BenchData.OpenRaw(_path);
        BenchData.InsertRawCase(_raw, RawId(0), _rawVersions[0], "raw-0", _freshDocument);
        BenchData.InsertRawCase(_raw, RawId(1), _rawVersions[1], "raw-1", _largeDocument);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw?.Dispose();
        _sqlite?.Dispose();
        if (_path is not null)
        {
            BenchData.Delete(_path);
        }
    }

    /// <summary>One accepted command on a fresh case in memory.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("InMemory")]
    public Task<long> InMemory_FreshCase() => CommandAsync(_fresh);

    /// <summary>The same command on a case with 50 plan revisions and 500 events in memory.</summary>
    [Benchmark]
    [BenchmarkCategory("InMemory")]
    public Task<long> InMemory_LargeCase() => CommandAsync(_large);

    /// <summary>One accepted command on a fresh case on SQLite, durability Full.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Sqlite")]
    public Task<long> Sqlite_FreshCase() => CommandAsync(_fresh);

    /// <summary>The same command on a case with 50 plan revisions and 500 events on SQLite, durability Full.</summary>
    [Benchmark]
    [BenchmarkCategory("Sqlite")]
    public Task<long> Sqlite_LargeCase() => CommandAsync(_large);

    /// <summary>The floor for the fresh case: one durable transaction writing its document and an event row, raw.</summary>
    [Benchmark]
    [BenchmarkCategory("Sqlite")]
    public long Sqlite_Raw_FreshDocument() => RawWrite(0, _freshDocument);

    /// <summary>The floor for the large case: the same transaction writing a document of the large case's size.</summary>
    [Benchmark]
    [BenchmarkCategory("Sqlite")]
    public long Sqlite_Raw_LargeDocument() => RawWrite(1, _largeDocument);

    private long RawWrite(int row, string document)
    {
        var version = _rawVersions[row];
        using var transaction = _raw!.BeginTransaction(deferred: false);
        BenchData.RawWrite(_raw, transaction, RawId(row), version, document, _eventDocument);
        transaction.Commit();
        _rawVersions[row] = version + 1;
        return version + 1;
    }

    private static string RawId(int i) => $"ffffffff-0000-0000-0000-{i:D12}";

    private async Task<long> CommandAsync(SipCaseId[] ids)
    {
        var n = _next++;
        var result = await _engine.ChangeIndividualAsync(BenchData.Toggle(ids[n % Cases], (n / Cases) % 2 == 0));
        return result.Case.Version;
    }

    private void Fill(SipWorkflow engine, MutableClock clock)
    {
        BenchData.OpenConsented(engine, _fresh);
        for (var i = 0; i < Cases; i++)
        {
            _large[i] = LargeCaseAsync(engine, clock, 1_000 + i).GetAwaiter().GetResult();
        }

        // Every command of the runs sees the same time as the cases were built to.
        clock.Now = BenchData.Now;
    }

    /// <summary>
    /// A case with <see cref="Revisions"/> plan revisions and <see cref="Events"/> events: the usual path to the plan, then
    /// a follow-up and a revision per year's quarter, then other accepted steps until the history is that long.
    /// </summary>
    internal static async Task<SipCaseId> LargeCaseAsync(SipWorkflow engine, MutableClock clock, int n, int events = Events, int revisions = Revisions)
    {
        var w = engine;
        var a = BenchData.Actor;
        var id = await BenchData.PlanMeetingHeldAsync(engine, clock, n);
        await w.EstablishPlanAsync(new EstablishPlan
        {
            CaseId = id, Actor = a, LeadPrincipal = BenchData.Lead, FollowUpBooking = new FollowUpBooking { At = clock.Now.AddMonths(3), Place = "Digitalt" }, Plan = Plan(1),
        });
        for (var revision = 2; revision <= revisions; revision++)
        {
            clock.Now = clock.Now.AddMonths(3);
            await w.RecordFollowUpAsync(new RecordFollowUp
            {
                CaseId = id, Actor = a, FollowUp = new FollowUpRecord { HeldAt = clock.Now, Progress = $"Uppföljning {revision - 1}: delvis nådda mål.", InterventionsCarriedOut = true },
            });
            await w.RevisePlanAsync(new RevisePlan
            {
                CaseId = id, Actor = BenchData.LeadWorker, FollowUpBooking = new FollowUpBooking { At = clock.Now.AddMonths(3), Place = "Digitalt" }, Plan = Plan(revision),
            });
        }

        for (var version = (await w.ReadCaseAsync(id, a))!.Version; version < events; version++)
        {
            await w.ChangeIndividualAsync(BenchData.Toggle(id, version % 2 == 0));
        }

        return id;
    }

    // A plan of ordinary size: three needs, two goals, three interventions, the individual's own words.
    private static SipPlan Plan(int revision)
    {
        var needs = new[]
        {
            new Need { Id = NeedId.New(), Text = $"Stöd i vardagen, morgon och kväll (revision {revision})" },
            new Need { Id = NeedId.New(), Text = "Samordning av läkemedel mellan vårdcentral och hemtjänst" },
            new Need { Id = NeedId.New(), Text = "Trygghet vid utskrivning från slutenvården" },
        };
        return new SipPlan
        {
            Needs = needs,
            Goals =
            [
                new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Bo kvar hemma", NeedId = needs[0].Id },
                new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = $"Klara morgonen själv fyra dagar av sju (revision {revision})", NeedId = needs[0].Id },
            ],
            Interventions =
            [
                new Intervention { Id = InterventionId.New(), What = "Hemtjänst", Responsible = ResponsibleKind.Municipality, When = "Dagligen", Where = "Hemma", NeedId = needs[0].Id },
                new Intervention { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region, When = "Inom två veckor", Where = "Vårdcentralen", NeedId = needs[1].Id },
                new Intervention { Id = InterventionId.New(), What = "Trygghetslarm", Responsible = ResponsibleKind.Municipality, When = "Före utskrivning", Where = "Hemma", NeedId = needs[2].Id },
            ],
            NoActionsByOthers = true,
            WhatMattersToIndividual = "Att få bo kvar hemma och känna sig trygg.",
            IndividualParticipation = new IndividualParticipation { Participated = true },
        };
    }
}
