using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sip.Workflow.Samples.Caseworker.Web;
using static Microsoft.Playwright.Assertions;

namespace Sip.Workflow.Samples.Caseworker.Tests;

/// <summary>A whole discharge SIP, as a caseworker does it: every step through the pages, nothing through the engine.</summary>
[Collection(nameof(InTheBrowser))]
public sealed class DischargeSipTests(CaseworkerFixture app)
{
    [Fact]
    public async Task A_discharge_SIP_runs_from_the_admission_notice_to_closing_through_the_pages_alone()
    {
        await using var browser = await app.NewContextAsync();
        var page = await browser.NewPageAsync();
        var start = app.Time.GetUtcNow();

        // Upptäck behov: the admission notice reaches primary care, which opens the SIP.
        await page.GotoAsync("/arenden/ny");
        await PageCheck.CheckAsync(page, "01-nytt-arende");
        await page.GetByLabel("Den enskilde").SelectOptionAsync(new SelectOptionValue { Label = "Nils Ek, 58 år" });
        await page.GetByLabel("Inskrivningsmeddelande från slutenvården").CheckAsync();
        await page.GetByLabel("När kom meddelandet från slutenvården?").FillAsync(SwedishTime.InputValue(start.AddHours(-20)));
        await page.GetByLabel("Enhet som upptäckte behovet").FillAsync("Vårdcentralen Söder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Öppna ärendet" }).ClickAsync();
        await Expect(page.Locator("#sparat")).ToHaveTextAsync("Ärendet är öppnat.");
        var caseUrl = new Uri(page.Url).AbsolutePath;
        var caseId = new SipCaseId(Guid.Parse(caseUrl.Split('/')[^1]));
        await PageCheck.CheckAsync(page, "02-arende-oppnat");
        await ExpectDueWorkAsync(page, "DEADLINE-START");

        await page.GotoAsync(caseUrl);
        await StepAsync(page, "Registrera fast vårdkontakt", "Registrera fast vårdkontakt", "03-fast-vardkontakt", async () =>
        {
            await page.GetByLabel("Fast vårdkontakt", new() { Exact = false }).First.FillAsync("Eva Berg");
            await page.GetByLabel("Titel").FillAsync("distriktssköterska");
        });
        // The ward reports him ready for discharge: the summons is due within three days (lag (2017:612)).
        await StepAsync(page, "Registrera utskrivningsklar", "Registrera utskrivningsklar", "04-utskrivningsklar");
        await ExpectDueWorkAsync(page, "DEADLINE-DISCHARGE-SUMMONS");
        await page.GotoAsync(caseUrl);

        // Förbered, too early: refused with the unmet requirement in words and the law behind it, and nothing saved.
        await page.GetByRole(AriaRole.Link, new() { Name = "Starta förberedelsen", Exact = true }).ClickAsync();
        await PageCheck.CheckAsync(page, "05-forberedelse-utan-samtycke");
        var startButton = page.GetByRole(AriaRole.Button, new() { Name = "Starta förberedelsen" });
        await startButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var refusal = page.GetByRole(AriaRole.Alert);
        await Expect(refusal).ToContainTextAsync("Steget ”Starta förberedelsen” kan inte tas ännu");
        await Expect(refusal).ToContainTextAsync("har samtyckt till informationsöverföring mellan parterna");
        await Expect(refusal).ToContainTextAsync("CONSENT-INFORMATION-SHARING");
        await Expect(refusal).ToContainTextAsync("offentlighets- och sekretesslagen (2009:400)");
        await Expect(refusal).ToContainTextAsync("Inget har sparats");
        await PageCheck.CheckAsync(page, "06-forberedelse-nekad");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tillbaka till ärendet" }).ClickAsync();

        await StepAsync(page, "Registrera samtycke", "Registrera samtycket", "07-samtycke");
        await StepAsync(page, "Starta förberedelsen", "Starta förberedelsen", "08-forberedelse");
        await ExpectStateAsync(page, "Förberedelse");
        await StepAsync(page, "Lägg till deltagare", "Lägg till deltagaren", "09-deltagare-kommun", async () =>
        {
            await page.GetByLabel("Slags deltagare").SelectOptionAsync(new SelectOptionValue { Label = "Socialtjänst – Kallad" });
            await page.GetByLabel("Verksamhet eller enhet").FillAsync("Hemtjänsten Söder, Halmstads kommun");
            await page.GetByLabel("Namn").FillAsync("Omar Said");
        });
        await StepAsync(page, "Lägg till deltagare", "Lägg till deltagaren", "10-deltagare-region", async () =>
        {
            await page.GetByLabel("Slags deltagare").SelectOptionAsync(new SelectOptionValue { Label = "Regional hälso- och sjukvård – Kallad" });
            await page.GetByLabel("Verksamhet eller enhet").FillAsync("Vårdcentralen Söder");
            await page.GetByLabel("Namn").FillAsync("Eva Berg");
        });

        // Kalla: the SIP meeting tomorrow at ten, at the primary care centre.
        var meetingAt = SwedishTime.At(start, 1, 10);
        await StepAsync(page, "Boka möte", "Boka mötet", "11-mote", async () =>
        {
            await page.GetByLabel("Mötet börjar").FillAsync(SwedishTime.InputValue(meetingAt));
            await page.GetByLabel("Plats", new() { Exact = true }).FillAsync("Vårdcentralen Söder, rum 3");
            await page.GetByLabel("Mötets syfte").FillAsync("Planera tiden efter utskrivningen");
            await page.GetByLabel("Varför mötet behövs").FillAsync("Nils behöver insatser från både kommunen och regionen när han kommer hem");
            await page.GetByLabel("Den enskildes långsiktiga mål, med egna ord").FillAsync("Att klara mig hemma igen");
            await page.GetByLabel("Frågeställningar").FillAsync("Vilket stöd behövs hemma?\nVem följer upp läkemedlen?");
        });
        await StepAsync(page, "Skicka kallelse", "Skicka kallelse och inbjudningar", "12-kallelse");
        await ExpectStateAsync(page, "Kallad till SIP-möte");

        // SIP-möte: the next day, after the meeting began.
        app.Time.SetUtcNow(meetingAt.AddHours(1));
        await StepAsync(page, "Registrera närvaro", "Registrera närvaron", "13-narvaro");
        var followUpAt = SwedishTime.At(start, 90, 10);
        await StepAsync(page, "Upprätta planen", "Upprätta planen", "14-plan", async () =>
        {
            await page.GetByLabel("Vad är viktigt för dig?").FillAsync("Att få komma hem och sköta mig själv så mycket det går.");
            await page.GetByLabel("Behov 1").FillAsync("Hjälp med mat och hygien de första veckorna");
            await page.GetByLabel("Kortsiktigt mål 1").FillAsync("Klara morgonrutinen med stöd inom två veckor");
            await FillInterventionAsync(page, 1, "Hemtjänst morgon och kväll", "Kommunen", "Hemtjänsten Söder, Halmstads kommun", "Dagligen 8 och 20", "Hemma");
            await FillInterventionAsync(page, 2, "Läkemedelsgenomgång", "Regionen", "Vårdcentralen Söder", "Inom två veckor", "Vårdcentralen Söder");
            await page.GetByLabel("Inga andra än kommunen och regionen vidtar åtgärder").CheckAsync();
            await page.GetByLabel("Huvudansvarig huvudman och enhet").SelectOptionAsync(new SelectOptionValue { Label = "Kommunen: Hemtjänsten Söder, Halmstads kommun" });
            await page.GetByLabel("Samordnare", new() { Exact = true }).FillAsync("Anna Lind");
            var followUp = page.GetByRole(AriaRole.Group, new() { Name = "Uppföljning, bokas innan mötet avslutas" });
            await followUp.GetByLabel("Datum och tid").FillAsync(SwedishTime.InputValue(followUpAt));
            await followUp.GetByLabel("Plats").FillAsync("Hemma hos Nils");
        });
        await ExpectStateAsync(page, "Plan upprättad");

        // The plan, the document everyone who took part gets a copy of.
        await page.GetByRole(AriaRole.Link, new() { Name = "Planen (utskrift)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Samordnad individuell plan (SIP)");
        await Expect(page.Locator("article.plan-document")).ToContainTextAsync("Hemtjänst morgon och kväll");
        await Expect(page.Locator("article.plan-document")).ToContainTextAsync("Samordnare: Anna Lind");
        await PageCheck.CheckAsync(page, "15-plandokument");

        // The copy the individual is sent: the library's own document, whole and self-contained, in plain Swedish.
        await page.GetByRole(AriaRole.Link, new() { Name = "till den enskilde" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(page.Locator("main")).ToContainTextAsync("Hemtjänst morgon och kväll");
        (await page.Locator("script").CountAsync()).Should().Be(0, "the copy sent out runs no code");
        await PageCheck.CheckAsync(page, "15b-plan-till-den-enskilde");
        await page.GotoAsync(caseUrl);

        // Följ upp on the booked day, then avsluta.
        app.Time.SetUtcNow(followUpAt.AddMinutes(30));
        await StepAsync(page, "Registrera uppföljning", "Registrera uppföljningen", "16-uppfoljning", async () =>
        {
            await page.GetByLabel("Hur det går jämfört med målen").FillAsync("Nils klarar morgonrutinen själv; hemtjänsten behövs bara på kvällen.");
            await page.GetByLabel("Insatserna är genomförda enligt planen").CheckAsync();
            await page.GetByLabel("Insatserna har gett önskad effekt").CheckAsync();
        });
        await StepAsync(page, "Avsluta SIP", "Avsluta SIP:en", "17-avslut", async () =>
            await page.GetByLabel("Anteckning").FillAsync("Målen är nådda; hemtjänsten fortsätter utan samordning."));
        await ExpectStateAsync(page, "Avslutad");
        await PageCheck.CheckAsync(page, "18-arende-avslutat");

        // Bevakning no longer lists him, however far ahead it looks.
        await page.GotoAsync("/?days=365");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bevakning" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Nils Ek");
        await PageCheck.CheckAsync(page, "19-bevakning-efter-avslut");

        // The history: every step once (the refusal left nothing), and the hash chain verifies.
        await page.GotoAsync(caseUrl + "/historik");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Historiken är obruten.");
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(13);
        await PageCheck.CheckAsync(page, "20-historik");
        var history = await app.Services.GetRequiredService<ISipWorkflow>().GetHistoryAsync(caseId, TestContext.Current.CancellationToken);
        history.Select(e => e.EventType).Should().Equal(
            SipEventTypes.CaseOpened, SipEventTypes.FixedCareContactAppointed, SipEventTypes.ReadyForDischargeRecorded, SipEventTypes.ConsentRecorded,
            SipEventTypes.PreparationStarted, SipEventTypes.ParticipantAdded, SipEventTypes.ParticipantAdded, SipEventTypes.MeetingScheduled,
            SipEventTypes.SummonsSent, SipEventTypes.AttendanceRecorded, SipEventTypes.PlanEstablished, SipEventTypes.FollowUpRecorded, SipEventTypes.CaseClosed);
        history.Select(e => e.Actor.UserId).Should().AllBe("hsa-vcs-123", "the caseworker the browser works as sent every step");
    }

    /// <summary>Opens a step from the case page's checklist, checks the page, fills the form and sends it; the case page confirms.</summary>
    private static async Task StepAsync(IPage page, string step, string button, string screenshot, Func<Task>? fill = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = step, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(step);
        await PageCheck.CheckAsync(page, screenshot);
        if (fill is not null)
        {
            await fill();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(page.Locator("#sparat")).ToHaveTextAsync($"Sparat: {step}.");
    }

    private static async Task FillInterventionAsync(IPage page, int row, string what, string responsible, string performer, string when, string where)
    {
        var line = page.GetByRole(AriaRole.Group, new() { Name = $"Insats {row}", Exact = true });
        await line.GetByLabel("Vad", new() { Exact = true }).FillAsync(what);
        await line.GetByLabel("Vem ansvarar").SelectOptionAsync(new SelectOptionValue { Label = responsible });
        await line.GetByLabel("Vem utför").SelectOptionAsync(new SelectOptionValue { Label = performer });
        await line.GetByLabel("När och hur ofta").FillAsync(when);
        await line.GetByLabel("Var", new() { Exact = true }).FillAsync(where);
    }

    private static Task ExpectStateAsync(IPage page, string state) => Expect(page.Locator(".case-summary .badge.state")).ToHaveTextAsync(state);

    /// <summary>Bevakning lists Nils Ek with the deadline of that code.</summary>
    private static async Task ExpectDueWorkAsync(IPage page, string code)
    {
        await page.GotoAsync("/?days=365");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nils Ek" })).ToContainTextAsync(code);
    }
}
