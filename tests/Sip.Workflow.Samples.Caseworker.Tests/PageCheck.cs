using System.Text.Json;
using Microsoft.Playwright;

namespace Sip.Workflow.Samples.Caseworker.Tests;

/// <summary>
/// What every page the tests visit goes through: a full-page screenshot saved under the test output
/// (<c>screenshots/</c>), and axe-core's accessibility rules run in the page (every finding saved beside the screenshot). A page fails on any serious or critical
/// violation, and on the rules the sample promises whatever axe's impact: headings in order, a label for every field, one
/// main landmark and one first-level heading.
/// </summary>
internal static class PageCheck
{
    private static readonly string[] AlwaysEnforced = ["heading-order", "label", "landmark-one-main", "page-has-heading-one", "region", "color-contrast"];

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string AxeScript { get; } = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    /// <summary>Saves the page as <c>screenshots/{name}.png</c> and asserts axe finds nothing the sample must not have.</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)
              })));
            }
            """);
        // Every finding, minor ones included, is kept beside the screenshot for whoever improves the pages next.
        await File.WriteAllTextAsync(Path.Combine(ScreenshotFolder, name + ".axe.json"), json);
        var violations = JsonSerializer.Deserialize<List<Violation>>(json, Json)!;
        violations.Where(v => v.Impact is "serious" or "critical" || AlwaysEnforced.Contains(v.Id))
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Targets)}")
            .Should().BeEmpty($"the page '{name}' ({page.Url}) must have no serious accessibility violations");
    }

    private sealed record Violation(string Id, string? Impact, string Help, List<string> Targets);
}
