// Usage: Sip.Workflow.TestWriter <store> <caseId> <commands (0 = until killed)> <writer name>
//   <store> is sqlite:<database file> or postgres:<schema>:<connection string>
// Prints "ACK <commandId>" after each command the store acknowledged and a read of the case that was answered (logged
// with the command id as its why-code), flushed at once, so the test knows exactly which commands and reads a killed
// writer had been told were saved.
using Sip.Workflow;
using Sip.Workflow.PostgreSql;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

var store = args[0];
var caseId = SipCaseId.Parse(args[1]);
var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var writer = args[3];

ISipCaseStore caseStore = store.StartsWith("postgres:", StringComparison.Ordinal)
    ? new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions
    {
        Schema = store.Split(':', 3)[1],
        ConnectionString = store.Split(':', 3)[2],
    })
    : new SqliteSipCaseStore(store["sqlite:".Length..]);
var workflow = new SipWorkflow(caseStore);
// A user of the unit that opened the case (the tests open it as Vårdcentralen Söder), so the default access rules let it write.
var actor = new SipActor { UserId = writer, Organisation = "Vårdcentralen Söder", Role = "writer" };
var stdout = Console.Out;

for (var i = 0; count == 0 || i < count; i++)
{
    var command = new RecordDeviation
    {
        CaseId = caseId,
        Actor = actor,
        CommandId = CommandId.New(),
        Deviation = new Deviation { Kind = DeviationKind.Other, Description = $"{writer} #{i}" },
    };

    while (true)
    {
        try
        {
            await workflow.RecordDeviationAsync(command);
            break;
        }
        catch (SipConcurrencyException)
        {
            // Another process wrote first: the same command (same id) is tried again against the new version.
        }
    }

    // The read is answered only once its access record is stored: it must survive a kill as the command does.
    await workflow.ReadCaseAsync(caseId, new SipReader { Actor = actor, Reason = command.CommandId.ToString() });
    stdout.WriteLine($"ACK {command.CommandId}");
    stdout.Flush();
}

return 0;
