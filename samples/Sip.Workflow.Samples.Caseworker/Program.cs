// A caseworker's web application on the SIP engine: what is due (bevakning), the cases, one form per step of the
// process, the plan as the document everyone gets a copy of, the verified history and the process diagram. In Swedish,
// with English a click away; demo cases from the seed documents are added on the first start.
//
//   dotnet run --project samples/Sip.Workflow.Samples.Caseworker               → http://127.0.0.1:5080
//   dotnet run --project samples/Sip.Workflow.Samples.Caseworker -- --port 5090 --database ./sip.db
using Sip.Workflow.Samples.Caseworker;

var app = CaseworkerApp.Build(args);
await app.StartAsync();
var settings = app.Services.GetRequiredService<CaseworkerOptions>();
Console.WriteLine($"SIP-handläggarstöd (demo): {string.Join(", ", app.Urls)}");
Console.WriteLine($"SIP-databas (SQLite): {settings.Database}");
Console.WriteLine("Avsluta med Ctrl+C.");
await app.WaitForShutdownAsync();
