// Usage: Sip.Workflow.Sqlite.TestWriter <database> <caseId> <commands (0 = until killed)> <writer name>
// Prints "ACK <commandId>" after each command the store acknowledged, flushed at once, so the test knows exactly
// which commands a killed writer had been told were saved.
using Sip.Workflow;
using Sip.Workflow.Sqlite;

var database = args[0];
var caseId = SipCaseId.Parse(args[1]);
var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var writer = args[3];

var workflow = new SipWorkflow(new SqliteSipCaseStore(database));
var actor = new SipActor { UserId = writer, Organisation = "Test", Role = "writer" };
var stdout = Console.Out;

for (var i = 0; count == 0 || i < count; i++)
{
    var command = new RecordDeviation
    {
        CaseId = caseId, Actor = actor, CommandId = CommandId.New(), Kind = DeviationKind.Other, Description = $"{writer} #{i}",
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

    stdout.WriteLine($"ACK {command.CommandId}");
    stdout.Flush();
}

return 0;
