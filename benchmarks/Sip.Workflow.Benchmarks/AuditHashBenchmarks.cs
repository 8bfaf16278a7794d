using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// What the version-stable case hash costs (the third form, docs/audit-trail.md: the canonical body with each list
/// digested apart) of a whole closed case, made by the engine (put together from the parts it keeps beside the case's
/// immutable values) or read from a store (parse the stored document, then canonicalise and digest), against SHA-256
/// over the serializer's text as it comes (the first form's predecessor).
/// </summary>
[MemoryDiagnoser]
public class AuditHashBenchmarks
{
    private SipCase _made = null!;
    private SipCase _read = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new MutableClock(BenchData.Now);
        var engine = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland }, clock);
        _made = BenchData.OpenToCloseAsync(engine, clock, 1).GetAwaiter().GetResult();
        _read = SipJson.DeserializeCase(SipJson.SerializeCase(_made));
    }

    /// <summary>Baseline: SHA-256 over the serializer's body text, no canonical form.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Sha256_SerializerText() => SHA256.HashData(Encoding.UTF8.GetBytes(SipJson.CaseBody(_made)));

    /// <summary>The case hash of a case the engine just made (what every command pays).</summary>
    [Benchmark]
    public string CaseHash_EngineMade() => SipAuditChain.ComputeCaseHash(_made);

    /// <summary>The case hash of a case read from a store (what verification pays once per case).</summary>
    [Benchmark]
    public string CaseHash_ReadFromStore() => SipAuditChain.ComputeCaseHash(_read);
}
