using System.Globalization;
using System.Security;
using System.Text;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.ProcessDiagram;

/// <summary>
/// Draws the process as an SVG picture on the server: the states top to bottom with the steps that keep a case in
/// each, the main flow between them (and back, after a follow-up), every way to the closed state on the right, and the
/// deadlines that watch each state on the left. Guards are named by their codes; the page lists them in words.
/// </summary>
internal static class ProcessDiagramSvg
{
    private const int Width = 1200;
    private const int NotesX = 20;
    private const int NotesWidth = 280;
    private const int BoxX = 320;
    private const int BoxWidth = 440;
    private const int BusX = 790;
    private const int LabelX = 805;
    private const int Line = 16;

    // DejaVu Sans at 12px is about 7px a character; texts are wrapped by that, a little generously.
    private static int Chars(int pixels) => pixels / 7;

    public static IResult Endpoint(HttpContext context, ISipWorkflow workflow, string? policy, string? lang)
    {
        var t = lang is "sv" or "en" ? new Ui(lang == "en" ? SipLanguage.English : SipLanguage.Swedish) : Ui.From(context);
        var name = policy is null ? workflow.Policies[0].Name : workflow.Policies.FirstOrDefault(p => p.Name == policy)?.Name;
        if (name is null)
        {
            return Results.NotFound();
        }

        return Results.Text(Render(ProcessGraph.Of(workflow, t.Language, name), t, name), "image/svg+xml; charset=utf-8");
    }

    public static string Render(ProcessGraph graph, Ui t, string policyName)
    {
        var body = new StringBuilder();
        var states = ProcessGraph.States;
        var y = 80;
        var rowTops = new Dictionary<SipState, int>();
        int? busTop = null;

        // The start: a filled dot above the first state.
        var startX = BoxX + BoxWidth / 2;
        body.Append(Invariant($"<circle cx=\"{startX}\" cy=\"{y - 26}\" r=\"8\" fill=\"#1b1b1b\"/>"));
        body.Append(Arrow(startX, y - 18, startX, y));

        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            var inside = graph.Edges.Where(e => e.From == state && e.To == state).Select(e => t.Step(e.Trigger)).Distinct().ToList();
            var insideLines = inside.Count == 0 ? [] : Wrap(t.S("Steg i läget: ", "Steps in this state: ") + string.Join(", ", inside), Chars(BoxWidth - 24));
            var notes = graph.Deadlines.Where(d => d.State == state)
                .Select(d => Wrap($"{d.Deadline.Text(t.Language)} ({d.Deadline.Code})", Chars(NotesWidth - 16))).ToList();
            var toClosed = state == SipState.Closed ? [] : graph.Edges.Where(e => e.From == state && e.To == SipState.Closed).ToList();
            var closedLines = toClosed.SelectMany(e => Wrap(EdgeLabel(e, t), Chars(Width - LabelX - 10))).ToList();

            var boxHeight = 56 + insideLines.Count * Line + 8;
            var notesHeight = notes.Sum(n => n.Count * Line + 14) + Math.Max(0, notes.Count - 1) * 8;
            var rowHeight = Math.Max(boxHeight, Math.Max(notesHeight, closedLines.Count * Line + 12));
            rowTops[state] = y;

            var closed = state == SipState.Closed;
            body.Append(Invariant($"<rect x=\"{BoxX}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{rowHeight}\" rx=\"10\" fill=\"{(closed ? "#f0f0f0" : "#eaf1f8")}\" stroke=\"#173a5e\" stroke-width=\"2\"/>"));
            body.Append(Text(BoxX + 14, y + 24, t.State(state), 17, bold: true));
            body.Append(Text(BoxX + 14, y + 42, state.ToString(), 12, fill: "#4a4a4a"));
            for (var l = 0; l < insideLines.Count; l++)
            {
                body.Append(Text(BoxX + 14, y + 62 + l * Line, insideLines[l], 12));
            }

            // Deadlines on the left, tied to their state with a dotted line.
            var noteY = y;
            foreach (var note in notes)
            {
                var noteHeight = note.Count * Line + 14;
                body.Append(Invariant($"<rect x=\"{NotesX}\" y=\"{noteY}\" width=\"{NotesWidth}\" height=\"{noteHeight}\" fill=\"#fff4d6\" stroke=\"#8a5a00\" stroke-dasharray=\"5 3\"/>"));
                for (var l = 0; l < note.Count; l++)
                {
                    body.Append(Text(NotesX + 8, noteY + 18 + l * Line, note[l], 12));
                }

                body.Append(Invariant($"<line x1=\"{NotesX + NotesWidth}\" y1=\"{noteY + 14}\" x2=\"{BoxX}\" y2=\"{noteY + 14}\" stroke=\"#8a5a00\" stroke-dasharray=\"2 3\"/>"));
                noteY += noteHeight + 8;
            }

            // Every way to the closed state joins one line on the right.
            if (toClosed.Count > 0)
            {
                body.Append(Invariant($"<line x1=\"{BoxX + BoxWidth}\" y1=\"{y + 24}\" x2=\"{BusX}\" y2=\"{y + 24}\" stroke=\"{Closing}\" stroke-width=\"2\"/>"));
                for (var l = 0; l < closedLines.Count; l++)
                {
                    body.Append(Text(LabelX, y + 20 + l * Line, closedLines[l], 12, fill: Closing));
                }

                busTop ??= y + 24;
            }

            if (closed && busTop is { } top)
            {
                body.Append(Invariant($"<line x1=\"{BusX}\" y1=\"{top}\" x2=\"{BusX}\" y2=\"{y + 24}\" stroke=\"{Closing}\" stroke-width=\"2\"/>"));
                body.Append(Arrow(BusX, y + 24, BoxX + BoxWidth, y + 24, Closing));
            }

            y += rowHeight;
            if (i == states.Count - 1)
            {
                break;
            }

            // The gap to the next state: the steps forward on the left, the steps back on the right.
            var next = states[i + 1];
            var back = graph.Edges.Where(e => e.From == next && e.To == state).SelectMany(e => Wrap(EdgeLabel(e, t), Chars(BoxWidth / 2 - 50))).ToList();
            // The steps forward have the whole width unless steps back share the gap.
            var forwardWidth = back.Count == 0 ? BoxWidth - 70 : BoxWidth / 2 - 50;
            var forward = next == SipState.Closed ? [] : graph.Edges.Where(e => e.From == state && e.To == next).SelectMany(e => Wrap(EdgeLabel(e, t), Chars(forwardWidth))).ToList();
            var gap = Math.Max(44, Math.Max(forward.Count, back.Count) * Line + 24);
            if (forward.Count > 0)
            {
                body.Append(Arrow(BoxX + 40, y, BoxX + 40, y + gap));
                for (var l = 0; l < forward.Count; l++)
                {
                    body.Append(Text(BoxX + 54, y + 20 + l * Line, forward[l], 12));
                }
            }

            if (back.Count > 0)
            {
                body.Append(Arrow(BoxX + BoxWidth - 40, y + gap, BoxX + BoxWidth - 40, y));
                for (var l = 0; l < back.Count; l++)
                {
                    body.Append(Text(BoxX + BoxWidth - 54, y + 20 + l * Line, back[l], 12, anchor: "end"));
                }
            }

            y += gap;
        }

        var height = y + 30;
        var title = t.S($"SIP-processen enligt {policyName}", $"The SIP process under {policyName}");
        var description = t.S(
            "Lägena uppifrån och ned med stegen som håller ärendet kvar i varje läge, stegen framåt och tillbaka mellan lägena med kravkoder, vägarna till avslutat läge till höger och tidsgränserna till vänster.",
            "The states top to bottom with the steps that keep a case in each, the steps forward and back between them with requirement codes, the ways to the closed state on the right and the deadlines on the left.");
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"title desc\" font-family=\"DejaVu Sans, Arial, sans-serif\">"));
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"title\">{Escape(title)}</title><desc id=\"desc\">{Escape(description)}</desc>");
        svg.Append("<defs>").Append(Marker("arrow", Ink)).Append(Marker("arrow-closing", Closing)).Append("</defs>");
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        svg.Append(Text(NotesX, 30, title, 20, bold: true));
        svg.Append(Text(NotesX, 52, t.S("Tidsgränser (bevakning)", "Deadlines (due work)"), 12, fill: "#4a4a4a"));
        svg.Append(Text(LabelX, 52, t.S("Vägar till avslutat läge", "Ways to the closed state"), 12, fill: Closing));
        svg.Append(body);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The step's name, when it leads there only sometimes, and the codes of the requirements guarding it.</summary>
    private static string EdgeLabel(ProcessEdge edge, Ui t)
        => t.Step(edge.Trigger)
            + (edge.Conditional ? t.S(" (om SIP:en avslutas)", " (when it ends the SIP)") : string.Empty)
            + (edge.Guards.Count > 0 ? t.S(" – krav: ", " – requires: ") + string.Join(", ", edge.Guards.Select(g => g.Code)) : string.Empty);

    private const string Ink = "#1b1b1b";
    private const string Closing = "#8a1111";

    private static string Marker(string id, string colour)
        => $"<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>";

    private static string Arrow(int x1, int y1, int x2, int y2, string colour = Ink)
        => Invariant($"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{colour}\" stroke-width=\"2\" marker-end=\"url(#{(colour == Closing ? "arrow-closing" : "arrow")})\"/>");

    private static string Text(int x, int y, string text, int size, bool bold = false, string fill = "#1b1b1b", string anchor = "start")
        => Invariant($"<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\"{(bold ? " font-weight=\"bold\"" : string.Empty)} fill=\"{fill}\" text-anchor=\"{anchor}\">{Escape(text)}</text>");

    /// <summary>Word-wraps a text to lines of at most <paramref name="width"/> characters (a longer word gets a line of its own).</summary>
    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
