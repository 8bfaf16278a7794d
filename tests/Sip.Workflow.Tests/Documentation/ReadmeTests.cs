namespace Sip.Workflow.Tests.Documentation;

/// <summary>Keeps the README true: its quick start is the tested code, its tables and diagram match the library.</summary>
public sealed class ReadmeTests
{
    // Found from the test binaries rather than [CallerFilePath]: CI builds map source paths away (deterministic builds).
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sip.Workflow.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Sip.Workflow.slnx) was not found above " + AppContext.BaseDirectory);
    }

    private static string Readme => File.ReadAllText(Path.Combine(Root(), "README.md"));

    [Fact]
    public void The_quick_start_in_the_readme_is_the_code_the_tests_run()
    {
        var source = File.ReadAllText(Path.Combine(Root(), "tests/Sip.Workflow.Tests/Documentation/QuickStartTests.cs"));
        var tested = Lines(Between(source, "// README:BEGIN", "// README:END"));
        var quickStart = Between(Readme, "## Quick start", "## Commands and queries");
        var shown = Lines(Between(quickStart, "```csharp", "```")).Where(l => !l.StartsWith("using ", StringComparison.Ordinal)).ToList();

        shown.Should().Equal(tested);
    }

    [Fact]
    public void The_readme_lists_every_requirement_with_its_source_reference_and_texts()
    {
        foreach (var r in SipRequirements.All)
        {
            Readme.Should().Contain($"| `{r.Code}` | {r.Kind} | {r.Source} | {r.LegalReference} | {r.SwedishText} | {r.EnglishText} |");
        }
    }

    [Fact]
    public void The_readme_shows_the_current_process_diagram()
    {
        var diagram = new SipProcess(SipPolicy.NationalGuidance).ToMermaid().Replace("\t", "    ", StringComparison.Ordinal);

        Readme.Should().Contain(diagram);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        from.Should().BeGreaterThanOrEqualTo(0, $"'{start}' is in the text");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        to.Should().BeGreaterThan(from, $"'{end}' follows '{start}'");
        return text[from..to];
    }

    private static List<string> Lines(string text)
        => [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
