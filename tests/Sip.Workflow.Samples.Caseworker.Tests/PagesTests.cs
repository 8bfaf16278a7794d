using Microsoft.Playwright;
using Sip.Workflow.Samples.Caseworker.Demo;
using static Microsoft.Playwright.Assertions;

namespace Sip.Workflow.Samples.Caseworker.Tests;

/// <summary>The pages besides the step forms: each in Swedish and accessible, English a click away, a protected identity kept secret.</summary>
[Collection(nameof(InTheBrowser))]
public sealed class PagesTests(CaseworkerFixture app)
{
    private static readonly SipCaseId Marta = DemoSeeder.CaseIds[0];
    private static readonly SipCaseId Edvin = DemoSeeder.CaseIds[1];
    private static readonly SipCaseId Sara = DemoSeeder.CaseIds[2];
    private static readonly SipCaseId Leo = DemoSeeder.CaseIds[3];

    [Fact]
    public async Task Every_page_is_Swedish_accessible_and_starts_with_a_way_past_the_menu()
    {
        await using var browser = await app.NewContextAsync();
        var page = await browser.NewPageAsync();
        (string Url, string Name, string Heading)[] pages =
        [
            ("/", "bevakning", "Bevakning"),
            ("/arenden", "arenden", "Ärenden"),
            ($"/arenden?state={SipState.PlanEstablished}&lead={PrincipalKind.Municipality}", "arenden-sokta", "Ärenden"),
            ($"/arenden/{Marta}", "arende", "Märta Lindqvist – SIP-ärende"),
            ($"/arenden/{Edvin}", "arende-med-plan", "Edvin Karlsson – SIP-ärende"),
            ($"/arenden/{Edvin}/plan", "plan", "Samordnad individuell plan (SIP)"),
            ($"/arenden/{Edvin}/historik", "historik", "Historik – Edvin Karlsson"),
            ("/processen", "processen", "SIP-processen"),
        ];
        foreach (var (url, name, heading) in pages)
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await PageCheck.CheckAsync(page, name);

            // The first Tab lands on the skip link, and following it puts the keyboard in the main content.
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.Locator(":focus")).ToHaveTextAsync("Hoppa till innehållet");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator(":focus")).ToHaveIdAsync("main");
        }

        // Ärenden finds by state and lead principal: Edvin's plan is established under the municipality's lead.
        await page.GotoAsync($"/arenden?state={SipState.PlanEstablished}&lead={PrincipalKind.Municipality}");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Edvin Karlsson" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Märta Lindqvist");

        // The process is a picture drawn by the server, not diagram source.
        await page.GotoAsync("/processen");
        var picture = page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Processdiagram för SIP enligt Region Halland") });
        (await picture.EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(1000);
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("stateDiagram");
        var svg = await (await page.APIRequest.GetAsync("/processen.svg?lang=sv")).TextAsync();
        svg.Should().StartWith("<svg").And.Contain("Plan upprättad").And.Contain("DEADLINE-DISCHARGE-SUMMONS");
    }

    [Fact]
    public async Task A_protected_identity_is_marked_and_its_address_shown_nowhere()
    {
        await using var browser = await app.NewContextAsync();
        var page = await browser.NewPageAsync();
        var address = DemoRegister.Find("journal-5d10")!.Address;

        foreach (var url in new[] { "/", "/arenden", $"/arenden/{Sara}", $"/arenden/{Sara}/steg/samtycke" })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Skyddade personuppgifter");
            (await page.ContentAsync()).Should().NotContain(address.Split(',')[0], $"{url} must not disclose the address");
        }

        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Lämnas inte ut (skyddade personuppgifter)");
        await PageCheck.CheckAsync(page, "skyddad-identitet");
    }

    [Fact]
    public async Task English_is_a_click_away_with_the_library_texts_in_English_too()
    {
        await using var browser = await app.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/arenden/{Leo}");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "What may happen next" })).ToBeVisibleAsync();
        // Leo has two guardians and one has consented: the library's requirement, in English.
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Start preparation" }))
            .ToContainTextAsync("Where the child has two legal guardians, both have consented");
        await PageCheck.CheckAsync(page, "arende-engelska");

        await page.GetByRole(AriaRole.Button, new() { Name = "Svenska" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Vad kan göras nu" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_value_is_shown_next_to_its_field_and_nothing_is_saved()
    {
        await using var browser = await app.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/arenden/{Marta}/steg/mote");
        var version = await page.Locator("input[name=Version]").InputValueAsync();

        // No start time (the form's own check), and a personal identity number in the place (the library's refusal).
        await page.GetByLabel("Plats", new() { Exact = true }).FillAsync("Rum 3, 19121212-1212");
        await page.GetByRole(AriaRole.Button, new() { Name = "Boka mötet" }).ClickAsync();
        await Expect(page.GetByLabel("Mötet börjar")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Input_StartsAt-error")).ToContainTextAsync("Ange datum och tid.");

        await page.GetByLabel("Mötet börjar").FillAsync(Web.SwedishTime.InputValue(app.Time.GetUtcNow().AddDays(2)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Boka mötet" }).ClickAsync();
        var place = page.GetByLabel("Plats", new() { Exact = true });
        await Expect(place).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(place).ToHaveAttributeAsync("aria-describedby", "Input_Place-hint Input_Place-error");
        await Expect(page.Locator("#Input_Place-error")).ToContainTextAsync("Uppgiften godtogs inte.");
        await Expect(page.Locator("#Input_Place-error [lang=en]")).ToContainTextAsync("personal identity");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Rätta uppgifterna i formuläret" }).GetByRole(AriaRole.Link))
            .ToHaveAttributeAsync("href", "#Input_Place");
        await PageCheck.CheckAsync(page, "faltfel");
        (await page.Locator("input[name=Version]").InputValueAsync()).Should().Be(version, "nothing was saved");
    }

    [Fact]
    public async Task The_copy_sent_out_is_the_librarys_document_with_its_own_style_allowed_and_nothing_else()
    {
        // Over plain HTTP: the browser tests' contexts bypass the security policy (to inject axe-core).
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var copy = await http.GetAsync($"/arenden/{Edvin}/plan/dokument?for=individual", TestContext.Current.CancellationToken);
        var unknown = await http.GetAsync($"/arenden/{Edvin}/plan/dokument?for=Individual", TestContext.Current.CancellationToken);
        var missing = await http.GetAsync($"/arenden/{Guid.NewGuid()}/plan/dokument?for=archive", TestContext.Current.CancellationToken);

        copy.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        copy.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await copy.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var start = html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        var style = html[start..html.IndexOf("</style>", start, StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        var policy = copy.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain($"style-src 'sha256-{hash}'", "the document's one style block, and no other inline style")
            .And.Contain("default-src 'none'").And.NotContain("unsafe-inline").And.NotContain("script-src");
        html.Should().Contain("<html lang=\"sv\"").And.NotContain("journal-", "the record key is never shown as the person's name");
        unknown.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest, "an audience not asked for exactly is not guessed");
        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
