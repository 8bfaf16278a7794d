using System.Globalization;
using System.Text;

namespace Sip.Workflow.Storage;

/// <summary>
/// The four ways indicators can be cut (<see cref="SipIndicatorFilter"/>), as the projection stores them: the principal
/// that identified the need, its unit (the unit's identifier, or its name without one; empty when none was given), the
/// policy the case runs under and the case's origin.
/// </summary>
/// <param name="Principal">A <see cref="PrincipalKind"/> name.</param>
/// <param name="Unit">The identifying unit's identifier or name; empty when the case has none.</param>
/// <param name="Policy">The <see cref="SipPolicy.Name"/>.</param>
/// <param name="Origin">An <see cref="OriginKind"/> name.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorDimensions(string Principal, string Unit, string Policy, string Origin)
{
    /// <summary>Shows the principal and origin only: the unit and policy are names a host chose.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorDimensions ({Principal}, {Origin})";
}

/// <summary>What one case adds to one sum: <paramref name="Count"/> at (<paramref name="Month"/>, <paramref name="Metric"/>, <paramref name="Value"/>).</summary>
/// <param name="Month">The Swedish calendar month the fact falls in.</param>
/// <param name="Metric">Which fact (<see cref="SipIndicatorNames"/>): 1 to 100 characters, no tab or line break.</param>
/// <param name="Value">The fact's value: 0 for a plain count, a duration's hours, 1 or 0 (or -1, unknown) for a share, an answer.</param>
/// <param name="Count">How many times.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorContribution(SipYearMonth Month, string Metric, long Value, long Count)
{
    /// <summary>Shows the month, metric, value and count: codes and numbers only.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorContribution {Month} {Metric}={Value} x{Count}";
}

/// <summary>An open deadline of a case, by its requirement code (<see cref="SipRequirement.Code"/>).</summary>
/// <param name="Code">The deadline's requirement code.</param>
/// <param name="DueAt">When it falls.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorDeadline(string Code, DateTimeOffset DueAt)
{
    /// <summary>Shows the code and due instant.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorDeadline {Code} due {DueAt:O}";
}

/// <summary>One sum of the projection: how many facts of one kind, with one value, in one month and dimension.</summary>
/// <param name="Month">The month.</param>
/// <param name="Metric">The fact (<see cref="SipIndicatorNames"/>).</param>
/// <param name="Value">The value.</param>
/// <param name="Dimensions">The dimensions.</param>
/// <param name="Count">The sum; in a <see cref="SipIndicatorChange"/>, the change to it (negative to take away).</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorCell(SipYearMonth Month, string Metric, long Value, SipIndicatorDimensions Dimensions, long Count)
{
    /// <summary>Shows the month, metric, value, dimensions (as <see cref="SipIndicatorDimensions.ToString"/>) and count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorCell {Month} {Metric}={Value} {Dimensions} x{Count}";
}

/// <summary>How many cases have an open deadline with <paramref name="Code"/> past, in one dimension.</summary>
/// <param name="Code">The deadline's requirement code.</param>
/// <param name="Dimensions">The dimensions.</param>
/// <param name="Count">How many cases.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorDueCount(string Code, SipIndicatorDimensions Dimensions, long Count)
{
    /// <summary>Shows the code, dimensions (as <see cref="SipIndicatorDimensions.ToString"/>) and count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorDueCount {Code} {Dimensions} x{Count}";
}

/// <summary>
/// What the projection holds for one case: its dimensions, what it adds to the sums, and its open deadlines. Ids, codes,
/// months and numbers only.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorCaseRow
{
    /// <summary>The case.</summary>
    public required SipCaseId CaseId { get; init; }

    /// <summary>Its dimensions.</summary>
    public required SipIndicatorDimensions Dimensions { get; init; }

    /// <summary>What it adds to the sums.</summary>
    public IReadOnlyList<SipIndicatorContribution> Contributions { get; init; } = [];

    /// <summary>Its open deadlines.</summary>
    public IReadOnlyList<SipIndicatorDeadline> Deadlines { get; init; } = [];

    /// <summary>Shows the case id and how many contributions and deadlines it holds.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorCaseRow {CaseId} ({Contributions.Count} contributions, {Deadlines.Count} deadlines)";

    /// <summary>Whether <paramref name="other"/> holds the same dimensions, contributions and deadlines, in the same order.</summary>
    /// <param name="other">The other row.</param>
    /// <returns><see langword="true"/> when nothing differs.</returns>
    public bool HoldsSameAs(SipIndicatorCaseRow? other)
        => other is not null && CaseId == other.CaseId && Dimensions == other.Dimensions
            && Contributions.SequenceEqual(other.Contributions) && Deadlines.SequenceEqual(other.Deadlines);

    /// <summary>
    /// The contributions and deadlines as one compact text a store keeps in a column (lines of tab-separated fields);
    /// <see cref="Decode"/> reads it back.
    /// </summary>
    /// <returns>The text.</returns>
    public string EncodeBody()
    {
        var text = new StringBuilder();
        foreach (var c in Contributions)
        {
            text.Append(CultureInfo.InvariantCulture, $"c\t{c.Month}\t{c.Metric}\t{c.Value}\t{c.Count}\n");
        }

        foreach (var d in Deadlines)
        {
            text.Append(CultureInfo.InvariantCulture, $"d\t{d.Code}\t{d.DueAt.UtcTicks}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads a row back from its case id, dimensions and <see cref="EncodeBody"/> text.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="dimensions">Its dimensions.</param>
    /// <param name="body">The text <see cref="EncodeBody"/> wrote.</param>
    /// <returns>The row.</returns>
    /// <exception cref="SipStorageException">The text is not one <see cref="EncodeBody"/> writes: the store was edited.</exception>
    public static SipIndicatorCaseRow Decode(SipCaseId caseId, SipIndicatorDimensions dimensions, string body)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(body);
        var contributions = new List<SipIndicatorContribution>();
        var deadlines = new List<SipIndicatorDeadline>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (f is ["c", var month, var metric, var value, var count]
                && SipYearMonth.TryParse(month, out var m)
                && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                && long.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                contributions.Add(new(m, metric, v, n));
            }
            else if (f is ["d", var code, var ticks] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
                && t <= DateTimeOffset.MaxValue.UtcTicks)
            {
                deadlines.Add(new(code, new DateTimeOffset(t, TimeSpan.Zero)));
            }
            else
            {
                throw new SipStorageException($"The indicator row of case {caseId} is not in the form this library writes; rebuild the indicators (SipIndicators.RebuildAsync).");
            }
        }

        return new SipIndicatorCaseRow { CaseId = caseId, Dimensions = dimensions, Contributions = contributions, Deadlines = deadlines };
    }
}

/// <summary>
/// One step of the indicator projection, applied at once by <see cref="ISipIndicatorStore.SaveIndicatorsAsync"/>: case rows
/// written (replacing any held) and removed, changes to the sums, and the feed position read to.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorChange
{
    /// <summary>The position the step was read from; the step is applied only while the store still holds it.</summary>
    public required long ExpectedPosition { get; init; }

    /// <summary>The position after the step: not below <see cref="ExpectedPosition"/>.</summary>
    public required long Position { get; init; }

    /// <summary>The case rows to write, each replacing the one held.</summary>
    public IReadOnlyList<SipIndicatorCaseRow> Upserts { get; init; } = [];

    /// <summary>The cases whose rows go (purged cases); the sums they added stay.</summary>
    public IReadOnlyList<SipCaseId> Removals { get; init; } = [];

    /// <summary>Changes to add to the sums; a sum that reaches zero is removed.</summary>
    public IReadOnlyList<SipIndicatorCell> CellDeltas { get; init; } = [];

    /// <summary>Shows the positions and how much the step changes.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"SipIndicatorChange {ExpectedPosition}->{Position} ({Upserts.Count} rows, {Removals.Count} removed, {CellDeltas.Count} sums)";

    /// <summary>Checks the step: positions in order, no case both written and removed or written twice.</summary>
    /// <exception cref="ArgumentException">The step is not valid; the message names the problem.</exception>
    public void Validate()
    {
        if (ExpectedPosition < 0 || Position < ExpectedPosition)
        {
            throw new ArgumentException(
                $"'{nameof(Position)}' is {Position} and '{nameof(ExpectedPosition)}' {ExpectedPosition}; positions are 0 or more and a step never goes back.", nameof(Position));
        }

        var ids = new HashSet<SipCaseId>();
        foreach (var id in Upserts.Select(r => r.CaseId).Concat(Removals))
        {
            if (!ids.Add(id))
            {
                throw new ArgumentException($"Case {id} appears twice in '{nameof(Upserts)}' and '{nameof(Removals)}'; a step writes or removes each case once.", nameof(Upserts));
            }
        }
    }
}
