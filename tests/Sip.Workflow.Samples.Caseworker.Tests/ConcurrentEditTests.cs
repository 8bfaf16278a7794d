using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sip.Workflow.Samples.Caseworker.Demo;
using static Microsoft.Playwright.Assertions;

namespace Sip.Workflow.Samples.Caseworker.Tests;

/// <summary>Two caseworkers in two browsers on one case: the one whose form is older is told, and nothing of theirs is saved.</summary>
[Collection(nameof(InTheBrowser))]
public sealed class ConcurrentEditTests(CaseworkerFixture app)
{
    // Bengt, opened on the admission notice by the seeder; no other test touches him.
    private static readonly SipCaseId Bengt = DemoSeeder.CaseIds[4];

    [Fact]
    public async Task A_form_sent_after_someone_else_changed_the_case_says_so_shows_what_changed_and_saves_nothing()
    {
        await using var evasBrowser = await app.NewContextAsync();
        await using var omarsBrowser = await app.NewContextAsync();
        var eva = await evasBrowser.NewPageAsync();
        var omar = await omarsBrowser.NewPageAsync();
        await omar.GotoAsync("/");
        await omar.GetByLabel("Du arbetar som").SelectOptionAsync(new SelectOptionValue { Label = "Omar Said, Socialtjänsten, Halmstads kommun" });
        await omar.GetByRole(AriaRole.Button, new() { Name = "Byt" }).ClickAsync();
        await Expect(omar.GetByRole(AriaRole.Contentinfo)).ToContainTextAsync("Inloggad som Omar Said");

        // Both open the consent form on the same version of the case.
        var form = $"/arenden/{Bengt}/steg/samtycke";
        await eva.GotoAsync(form);
        await omar.GotoAsync(form);
        var seen = long.Parse(await omar.Locator("input[name=Version]").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await eva.GetByRole(AriaRole.Button, new() { Name = "Registrera samtycket" }).ClickAsync();
        await Expect(eva.Locator("#sparat")).ToHaveTextAsync("Sparat: Registrera samtycke.");

        await omar.GetByLabel("Skriftligt", new() { Exact = true }).CheckAsync();
        await omar.GetByRole(AriaRole.Button, new() { Name = "Registrera samtycket" }).ClickAsync();
        var stale = omar.GetByRole(AriaRole.Alert);
        await Expect(stale).ToContainTextAsync("Någon annan har ändrat ärendet");
        await Expect(stale).ToContainTextAsync($"Formuläret öppnades när ärendet var version {seen}; nu är det version {seen + 1}. Inget har sparats.");
        await Expect(stale).ToContainTextAsync("Samtycke registrerat (fast vårdkontakt, Vårdcentralen Söder)");
        await Expect(omar.Locator(".case-summary .badge.state")).ToHaveTextAsync("Behov upptäckt");
        await Expect(omar.GetByLabel("Skriftligt", new() { Exact = true })).ToBeCheckedAsync();
        await PageCheck.CheckAsync(omar, "21-inaktuellt-formular");

        var workflow = app.Services.GetRequiredService<ISipWorkflow>();
        var history = await workflow.GetHistoryAsync(Bengt, TestContext.Current.CancellationToken);
        history.Should().HaveCount((int)seen + 1, "Eva's consent was saved and Omar's was not");
        history[^1].Actor.UserId.Should().Be("hsa-vcs-123");

        // Having seen what changed, Omar sends his form again: now against the case as it is, so it is saved.
        await omar.GetByRole(AriaRole.Button, new() { Name = "Registrera samtycket" }).ClickAsync();
        await Expect(omar.Locator("#sparat")).ToHaveTextAsync("Sparat: Registrera samtycke.");
        var after = await workflow.GetCaseAsync(Bengt, TestContext.Current.CancellationToken);
        after!.Consents.Select(c => c.Form).Should().Equal(ConsentForm.Oral, ConsentForm.Written);
    }
}
