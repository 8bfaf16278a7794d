using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Exchange;
using Sip.Workflow.InMemory;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Exchange;

/// <summary>
/// One system of a principal: its own engine over its own store, its exchange, and how far it has sent from its feed.
/// Two of them share only a clock and the messages <see cref="PumpAsync"/> carries as JSON text.
/// </summary>
internal sealed class PrincipalSystem
{
    public PrincipalSystem(string system, PrincipalKind principal, OrganisationReference unit, ISipCaseStore store, FakeTimeProvider time)
    {
        Store = store;
        Workflow = new SipWorkflow(store, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, time);
        Exchange = new SipExchange(Workflow, new SipExchangeOptions { System = system, Principal = principal, Units = [unit] }, time);
        Unit = unit;
    }

    public ISipCaseStore Store { get; }

    public SipWorkflow Workflow { get; }

    public SipExchange Exchange { get; }

    public OrganisationReference Unit { get; }

    public long SentUpTo { get; set; }

    /// <summary>Every message ever delivered to this system, as the JSON it came as.</summary>
    public List<string> Received { get; } = [];

    /// <summary>
    /// Reads <paramref name="from"/>'s feed past what it has sent, turns each entry into messages, and delivers each as its JSON
    /// form to whichever of <paramref name="systems"/> serves the addressee; returns how many were delivered.
    /// </summary>
    public static async Task<int> PumpAsync(PrincipalSystem from, params PrincipalSystem[] systems)
    {
        var delivered = 0;
        while (true)
        {
            var entries = await from.Workflow.ReadEventsAsync(from.SentUpTo, 100);
            if (entries.Count == 0)
            {
                return delivered;
            }

            foreach (var entry in entries)
            {
                foreach (var message in await from.Exchange.MessagesForAsync(entry))
                {
                    var json = SipExchangeJson.Serialize(message);
                    var to = systems.Single(s => s.Unit.IsSameOrganisation(message.To));
                    to.Received.Add(json);
                    await to.Exchange.ReceiveAsync(SipExchangeJson.Deserialize(json));
                    delivered++;
                }

                from.SentUpTo = entry.Position;
            }
        }
    }

    /// <summary>Pumps both ways until nothing more flows.</summary>
    public static async Task SettleAsync(PrincipalSystem a, PrincipalSystem b)
    {
        while (await PumpAsync(a, b) + await PumpAsync(b, a) > 0)
        {
        }
    }

    public static async Task<(PrincipalSystem Kommun, PrincipalSystem Region, FakeTimeProvider Time)> CreateAsync(string sqlitePath)
    {
        var time = new FakeTimeProvider(SipTestData.Start);
        var kommun = new PrincipalSystem("Treserva", PrincipalKind.Municipality, SipTestData.SocialServicesUnit, new InMemorySipCaseStore(), time);
        var region = new PrincipalSystem("Cosmic", PrincipalKind.Region, SipTestData.PrimaryCareUnit, new SqliteSipCaseStore(sqlitePath), time);
        await Task.CompletedTask;
        return (kommun, region, time);
    }
}

/// <summary>A test whose region keeps its SQLite file in a temp path, removed afterwards.</summary>
public abstract class ExchangeTest : IDisposable
{
    protected string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"sip-exchange-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }
}
