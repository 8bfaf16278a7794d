namespace Sip.Workflow.Tests.Documentation;

/// <summary>Keeps the README true: its quick start is the tested code, its tables and diagram match the library.</summary>
public sealed class ReadmeTests
{
    // Found from the test binaries rather than [CallerFilePath]: CI builds map source paths away (deterministic builds).
    internal static string Root()
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
    public void The_contract_package_readme_shows_the_vendor_code_the_consumer_check_runs()
    {
        var run = File.ReadAllText(Path.Combine(Root(), "eng/consumer-check/StoreContractTests.cs")).ReplaceLineEndings("\n").TrimEnd('\n');
        var readme = File.ReadAllText(Path.Combine(Root(), "src/Sip.Workflow.Testing/README.md")).ReplaceLineEndings("\n");

        Between(Between(readme, "## How", "## What each class"), "```csharp\n", "\n```").Should().Be(run);
    }

    /// <summary>
    /// The generated parts of the README: the requirements table and the process diagram. Run the tests with
    /// SIP_UPDATE_README=1 to rewrite them after changing the catalogue or the process.
    /// </summary>
    public static TheoryData<string> GeneratedSections() => ["requirements", "diagram"];

    [Theory]
    [MemberData(nameof(GeneratedSections))]
    public void The_readme_shows_the_current_generated_section(string section)
    {
        var expected = section == "requirements" ? RequirementsTable() : "```mermaid\n" + new SipProcess(SipPolicy.NationalGuidance).ToMermaid().Replace("\t", "    ", StringComparison.Ordinal) + "```";
        var begin = $"<!-- BEGIN generated: {section} -->\n";
        var end = $"\n<!-- END generated: {section} -->";
        var readme = Readme;
        var current = Between(readme, begin, end);

        if (Environment.GetEnvironmentVariable("SIP_UPDATE_README") == "1" && current != expected)
        {
            File.WriteAllText(Path.Combine(Root(), "README.md"), readme.Replace(begin + current + end, begin + expected + end, StringComparison.Ordinal));
            return;
        }

        current.Should().Be(expected, "the README must show the library as it is (run the tests with SIP_UPDATE_README=1 to regenerate)");
    }

    private static string RequirementsTable()
    {
        var table = new System.Text.StringBuilder()
            .Append("| Code | Kind | Source | Reference | Svenska | English |\n")
            .Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in SipRequirements.All)
        {
            table.Append("| `").Append(r.Code).Append("` | ").Append(r.Kind).Append(" | ").Append(r.Source).Append(" | ")
                .Append(Citations(r)).Append(" | ").Append(r.SwedishText).Append(" | ").Append(r.EnglishText).Append(" |\n");
        }

        return table.ToString().TrimEnd('\n');
    }

    // What is in force today (no end date), then what it replaced, with the last day it applied.
    private static string Citations(SipRequirement r)
    {
        var current = string.Join("; ", r.References.Where(x => x.ValidTo is null).Select(x => x.Citation));
        var earlier = r.References.Where(x => x.ValidTo is not null).Select(x => $"t.o.m. {x.ValidTo:yyyy-MM-dd}: {x.Citation}").ToList();
        return earlier.Count == 0 ? current : $"{current} ({string.Join("; ", earlier)})";
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
