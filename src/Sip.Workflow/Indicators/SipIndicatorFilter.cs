using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// Which cases a report counts: those matching every dimension given. The principal and unit are the ones that identified
/// the need (<see cref="SipCase.IdentifiedBy"/>, <see cref="SipCase.IdentifyingUnit"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorFilter
{
    /// <summary>Every case.</summary>
    public static SipIndicatorFilter All { get; } = new();

    /// <summary>The principal that identified the need, or any.</summary>
    public PrincipalKind? Principal
    {
        get;
        init => field = value is { } p ? Check.Defined(p, nameof(Principal)) : null;
    }

    /// <summary>The identifying unit, by its identifier (or its name where it has none), or any: a name as a case holds one.</summary>
    public string? Unit
    {
        get;
        init => field = Check.OptionalName(value, nameof(Unit));
    }

    /// <summary>The policy, by <see cref="SipPolicy.Name"/>, or any.</summary>
    public string? Policy
    {
        get;
        init => field = Check.OptionalName(value, nameof(Policy));
    }

    /// <summary>The case's origin, or any.</summary>
    public OriginKind? Origin
    {
        get;
        init => field = value is { } o ? Check.Defined(o, nameof(Origin)) : null;
    }

    /// <summary>Shows the principal and origin, and whether a unit or policy is named (not which: names a host chose).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"SipIndicatorFilter (principal {Principal?.ToString() ?? "any"}, origin {Origin?.ToString() ?? "any"}, unit {(Unit is null ? "any" : "named")}, policy {(Policy is null ? "any" : "named")})";

    /// <summary>Whether a case with <paramref name="dimensions"/> is counted.</summary>
    /// <param name="dimensions">The case's dimensions.</param>
    /// <returns><see langword="true"/> when every dimension given matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dimensions"/> is <see langword="null"/>.</exception>
    public bool Matches(SipIndicatorDimensions dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        return (Principal is null || string.Equals(dimensions.Principal, Principal.ToString(), StringComparison.Ordinal))
            && (Unit is null || string.Equals(dimensions.Unit, Unit, StringComparison.Ordinal))
            && (Policy is null || string.Equals(dimensions.Policy, Policy, StringComparison.Ordinal))
            && (Origin is null || string.Equals(dimensions.Origin, Origin.ToString(), StringComparison.Ordinal));
    }
}

/// <summary>How <see cref="SipIndicators"/> suppresses small numbers.</summary>
/// <threadsafety>Immutable once built; safe to share between threads.</threadsafety>
public sealed record SipIndicatorOptions
{
    /// <summary>The default <see cref="MinimumCellSize"/>.</summary>
    public const int DefaultMinimumCellSize = 5;

    /// <summary>
    /// The smallest number a report shows: a count from 1 to one below it is suppressed, and so are a share whose numerator
    /// or remainder is, a median or percentile of fewer facts, and a mean of fewer answers. 1 to 1,000; 5 unless set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 1,000.</exception>
    public int MinimumCellSize
    {
        get;
        init => field = value is >= 1 and <= 1000
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinimumCellSize), value, "The minimum cell size is 1 to 1,000.");
    } = DefaultMinimumCellSize;

    /// <summary>Shows the minimum cell size.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorOptions (minimum cell size {MinimumCellSize})";
}
