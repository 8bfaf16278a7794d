using System.Text.RegularExpressions;

namespace Sip.Workflow.Samples.Caseworker.ProcessDiagram;

/// <summary>A step between two states (or within one), with the requirements that guard it.</summary>
/// <param name="Conditional">The step leads here only sometimes (a withdrawal of consent ends the SIP only when no consent is left).</param>
internal sealed record ProcessEdge(SipState From, SipState To, SipTrigger Trigger, IReadOnlyList<SipRequirement> Guards, bool Conditional = false);

/// <summary>
/// The process under one policy as data — states, steps with their guards, deadlines by state — read from the
/// library's own description of it (<see cref="ISipWorkflow.GetProcessDiagram"/>), so the picture shows exactly the rules
/// in force and never drifts from the engine.
/// </summary>
internal sealed partial class ProcessGraph
{
    private ProcessGraph(IReadOnlyList<ProcessEdge> edges, IReadOnlyList<(SipState State, SipRequirement Deadline)> deadlines)
    {
        Edges = edges;
        Deadlines = deadlines;
    }

    public IReadOnlyList<ProcessEdge> Edges { get; }

    public IReadOnlyList<(SipState State, SipRequirement Deadline)> Deadlines { get; }

    public static IReadOnlyList<SipState> States { get; } = Enum.GetValues<SipState>();

    public static ProcessGraph Of(ISipWorkflow workflow, SipLanguage language, string? policyName)
        => Parse(workflow.GetProcessDiagram(DiagramFormat.Mermaid, language, policyName), language);

    /// <summary>Reads the Mermaid state diagram the library writes: <c>A --> B : Trigger [guard text] …</c> and <c>note right of A : text (CODE)</c>.</summary>
    public static ProcessGraph Parse(string mermaid, SipLanguage language)
    {
        var byText = SipRequirements.All.ToDictionary(r => r.Text(language), StringComparer.Ordinal);
        var edges = new List<ProcessEdge>();
        var deadlines = new List<(SipState, SipRequirement)>();
        // A step with a dynamic outcome goes through a choice node: "A --> Decision1 : T", then "Decision1 --> B : T [...]".
        var intoChoice = new Dictionary<string, SipState>(StringComparer.Ordinal);
        var lines = mermaid.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            if (Edge().Match(line) is { Success: true } edge)
            {
                var (from, to, trigger, rest) = (edge.Groups[1].Value, edge.Groups[2].Value, edge.Groups[3].Value, edge.Groups[4].Value);
                if (!Enum.TryParse<SipTrigger>(trigger, out var step))
                {
                    continue;
                }

                var guards = Guard().Matches(rest).Select(m => byText.GetValueOrDefault(m.Groups[1].Value)).OfType<SipRequirement>().ToList();
                var fromState = Enum.TryParse<SipState>(from, out var f) ? f : (SipState?)null;
                var toState = Enum.TryParse<SipState>(to, out var t) ? t : (SipState?)null;
                if (fromState is { } source && toState is { } target)
                {
                    edges.Add(new ProcessEdge(source, target, step, guards));
                }
                else if (fromState is { } before)
                {
                    intoChoice[to] = before;
                }
                else if (intoChoice.TryGetValue(from, out var origin) && toState is { } outcome && outcome != origin)
                {
                    edges.Add(new ProcessEdge(origin, outcome, step, guards, Conditional: true));
                }
            }
            else if (Note().Match(line) is { Success: true } note
                && Enum.TryParse<SipState>(note.Groups[1].Value, out var state)
                && SipRequirements.Find(note.Groups[2].Value) is { } deadline)
            {
                deadlines.Add((state, deadline));
            }
        }

        return new ProcessGraph(edges, deadlines);
    }

    [GeneratedRegex(@"^(\S+) --> (\S+) : (\w+)(.*)$")]
    private static partial Regex Edge();

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex Guard();

    [GeneratedRegex(@"^note right of (\w+) : .*\(([A-Z0-9-]+)\)$")]
    private static partial Regex Note();
}
