using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// Does the SQLite store stay fast as a region's case count grows? One engine command and the first page (100) of due
/// work, with the store holding few or many cases. Compare the rows of the two sizes: the command's cost should barely
/// move, and the due-work page should stay a few milliseconds.
/// </summary>
/// <remarks>
/// The databases are built once per size and kept in the temp folder (building a million cases takes a while); set
/// SIP_BENCH_SCALE to a comma-separated list of sizes to choose them (CI's dry run uses small ones).
/// </remarks>
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    private const int DueCases = 5_000;
    private SqliteSipCaseStore _store = null!;
    private SipWorkflow _engine = null!;
    private SipCaseId[] _sample = [];
    private int _next;

    [ParamsSource(nameof(Sizes))]
    public int CaseCount { get; set; }

    public static IEnumerable<int> Sizes() => BenchData.ScaleSizes("10000,1000000");

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), "sip-workflow-benchmarks", $"scale-{CaseCount}.db");
        if (!BenchData.IsCachedAndCurrent(path))
        {
            Build(path, CaseCount);
        }

        _store = new SqliteSipCaseStore(path);
        _engine = new SipWorkflow(_store, new SipWorkflowOptions(), new FixedClock(BenchData.Now));
        _sample = [.. Enumerable.Range(0, 256).Select(i => CaseId((int)((long)i * CaseCount / 256)))];

        // The page must be full: a reader who sees none of the cases would measure a walk of the index, not a page.
        if (DueWork_FirstPage().GetAwaiter().GetResult() != Math.Min(100, Math.Min(DueCases, CaseCount)))
        {
            throw new InvalidOperationException("The first page of due work is not full: the seeded cases are not the reader's.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>One accepted engine command on a case somewhere in the store.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> Engine_Command()
    {
        var n = _next++;
        var result = await _engine.ChangeIndividualAsync(BenchData.Toggle(_sample[n % _sample.Length], (n / _sample.Length) % 2 == 0));
        return result.Case.Version;
    }

    /// <summary>The first page (100) of overdue work, by due time.</summary>
    [Benchmark]
    public async Task<int> DueWork_FirstPage()
        => (await _engine.ReadDueWorkAsync(BenchData.Actor, BenchData.Now, pageSize: 100)).Items.Count;

    private static SipCaseId CaseId(int i) => new(new Guid(i, 0x5150, 0x4b1e, 0, 0, 0, 0, 0, 0, 0, 1));

    /// <summary>
    /// Writes <paramref name="count"/> realistic cases (each opened and consented through the engine's own document
    /// format) straight into the file in large transactions; the first <see cref="DueCases"/> have an overdue start.
    /// </summary>
    private static void Build(string path, int count)
    {
        BenchData.Delete(path);
        File.Delete(path + ".complete");
        new SqliteSipCaseStore(path).InitializeAsync().GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var fast = connection.CreateCommand())
        {
            fast.CommandText = "PRAGMA synchronous = OFF;";
            fast.ExecuteNonQuery();
        }

        var template = new InMemory.InMemorySipCaseStore();
        var maker = new SipWorkflow(template, new SipWorkflowOptions(), new FixedClock(BenchData.Now.AddDays(-30)));
        var opened = maker.OpenCaseAsync(BenchData.Open(0)).GetAwaiter().GetResult().Case;
        var consented = maker.RecordConsentAsync(BenchData.Consent(opened.Id) is var consent ? consent with { Consent = consent.Consent with { GivenAt = BenchData.Now.AddDays(-30) } } : null!).GetAwaiter().GetResult();
        var history = template.GetHistoryAsync(opened.Id).GetAwaiter().GetResult();

        const int Batch = 20_000;
        for (var start = 0; start < count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insertCase = connection.CreateCommand();
            insertCase.Transaction = transaction;
            insertCase.CommandText =
                "INSERT INTO sip_cases (id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document) " +
                "VALUES ($id, 2, 1, $subject, NULL, NULL, $deadline, 1, $document);";
            var pId = insertCase.Parameters.Add("$id", SqliteType.Text);
            var pSubject = insertCase.Parameters.Add("$subject", SqliteType.Text);
            var pDeadline = insertCase.Parameters.Add("$deadline", SqliteType.Integer);
            var pDocument = insertCase.Parameters.Add("$document", SqliteType.Text);
            using var insertEvent = connection.CreateCommand();
            insertEvent.Transaction = transaction;
            insertEvent.CommandText = "INSERT INTO sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) VALUES ($c, $s, NULL, $t, 0, $h, $d);";
            var eCase = insertEvent.Parameters.Add("$c", SqliteType.Text);
            var eSeq = insertEvent.Parameters.Add("$s", SqliteType.Integer);
            var eType = insertEvent.Parameters.Add("$t", SqliteType.Text);
            var eHash = insertEvent.Parameters.Add("$h", SqliteType.Text);
            var eDoc = insertEvent.Parameters.Add("$d", SqliteType.Text);

            // The access keys, as the store writes them: without them a reader's due work selects none of these cases.
            using var insertKey = connection.CreateCommand();
            insertKey.Transaction = transaction;
            insertKey.CommandText = "INSERT INTO sip_case_access (case_id, key) VALUES ($c, $k);";
            var kCase = insertKey.Parameters.Add("$c", SqliteType.Text);
            var kKey = insertKey.Parameters.Add("$k", SqliteType.Text);
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                // Most cases are not due for a year; the first few thousand are overdue.
                var deadline = i < DueCases ? BenchData.Now.AddDays(-1).AddMinutes(i) : BenchData.Now.AddDays(365).AddMinutes(i % 100_000);
                var id = CaseId(i);
                var sipCase = consented.Case with
                {
                    Id = id,
                    Individual = new Individual { Reference = new SubjectReference($"scale-{i:D8}") },
                    NextDeadline = deadline,
                    OpenDeadlines = [new SipDeadline(SipRequirements.DeadlineStart, deadline)],
                    HistoryHead = null,
                };

                // The chain is rebuilt for each case id so every seeded case verifies like one the engine wrote.
                var previous = string.Empty;
                SipEvent? last = null;
                foreach (var e in history)
                {
                    var unsealed = e with { CaseId = id, PreviousHash = previous, CaseHash = e.Sequence == history.Count ? SipAuditChain.ComputeCaseHash(sipCase) : null };
                    last = unsealed with { Hash = SipAuditChain.ComputeHash(unsealed) };
                    previous = last.Hash;
                    eCase.Value = id.Value.ToString("D");
                    eSeq.Value = last.Sequence;
                    eType.Value = last.EventType;
                    eHash.Value = last.Hash;
                    eDoc.Value = SipJson.SerializeEvent(last);
                    insertEvent.ExecuteNonQuery();
                }

                sipCase = sipCase with { HistoryHead = last!.Hash };
                pId.Value = id.Value.ToString("D");
                pSubject.Value = sipCase.Individual.Reference.Value;
                pDeadline.Value = deadline.UtcTicks;
                pDocument.Value = SipJson.SerializeCase(sipCase);
                insertCase.ExecuteNonQuery();
                foreach (var key in SipCaseAccessKeys.Of(sipCase))
                {
                    kCase.Value = id.Value.ToString("D");
                    kKey.Value = key;
                    insertKey.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE;";
            analyze.ExecuteNonQuery();
        }

        BenchData.MarkCached(path);
    }
}
