using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Sip.Workflow.Internal;

/// <summary>
/// Argument checks shared by every value object and command. Each failure names the argument, says what was
/// wrong and what is allowed, so a host developer can fix the call without reading our source.
/// </summary>
/// <remarks>
/// The checks guard what a host hands in. A stored document is read inside <see cref="TrustedRead"/>, where only its
/// structure is checked (required values present, ids not empty, lists without null items) and no host-input rule
/// (length, characters, ranges, defined enum values, personal identity numbers): a case stored under an older, looser
/// rule must stay readable — and closable — after a rule is tightened.
/// </remarks>
internal static class Check
{
    [ThreadStatic]
    private static int t_trustedDepth;

    /// <summary>Whether the current thread is reading a stored document (see <see cref="TrustedRead"/>).</summary>
    public static bool IsTrusted => t_trustedDepth > 0;

    /// <summary>
    /// Enters the trusted read path for the current thread until the returned scope is disposed. Deserialization is
    /// synchronous, so a thread-static scope covers exactly the values built while reading one document.
    /// </summary>
    public static TrustedReadScope TrustedRead()
    {
        t_trustedDepth++;
        return default;
    }

    /// <summary>Leaves the trusted read path when disposed.</summary>
    internal readonly struct TrustedReadScope : IDisposable
    {
        public void Dispose() => t_trustedDepth--;
    }

    public static string Text(string? value, string paramName, int maxLength, bool multiline = false)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"'{paramName}' is required.");
        }

        if (IsTrusted)
        {
            return value;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"'{paramName}' must contain text; it was empty or only white space.", paramName);
        }

        return Bounded(value, paramName, maxLength, multiline);
    }

    /// <summary>
    /// A name of an organisation or a person: text with no invisible format characters (zero-width spaces and joiners,
    /// soft hyphens, bidi marks), which would make two names that read alike compare unalike, stored in Unicode form C
    /// so that "Å" typed two ways is one name.
    /// </summary>
    public static string Name(string? value, string paramName)
        => Normal(Text(value, paramName, SipLimits.NameMaxLength), paramName);

    /// <summary>An optional name; see <see cref="Name"/>.</summary>
    public static string? OptionalName(string? value, string paramName)
        => OptionalText(value, paramName, SipLimits.NameMaxLength) is { } text ? Normal(text, paramName) : null;

    private static string Normal(string value, string paramName)
    {
        if (IsTrusted)
        {
            return value;
        }

        // Below U+00AD (the soft hyphen) no character is an invisible format character: nothing to look at one by one.
        for (var i = value.AsSpan().IndexOfAnyInRange('\u00AD', '\uFFFF'); i >= 0 && i < value.Length; i++)
        {
            // The joiners stay where a script needs them, between two letters (Persian "کلینیک‌ها"); anywhere else they
            // only hide a difference.
            if (CharUnicodeInfo.GetUnicodeCategory(value, i) == UnicodeCategory.Format
                && !(value[i] is '\u200C' or '\u200D' && i > 0 && i + 1 < value.Length && char.IsLetter(value[i - 1]) && char.IsLetter(value[i + 1])))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"'{paramName}' contains the invisible character U+{(int)value[i]:X4} at position {i}; a name may hold no invisible or direction-changing characters."),
                    paramName);
            }
        }

        return FormC(value);
    }

    /// <summary>The text in Unicode form C.</summary>
    /// <remarks>
    /// Text of code points below U+0300 (ASCII and the Latin letters with their accents precomposed, as Swedish names are
    /// written) is in form C as it stands: every one of them is a starter that nothing composes with, so the check needs no
    /// call into ICU. Names are compared on every command.
    /// </remarks>
    public static string FormC(string value)
        => value.AsSpan().ContainsAnyInRange('\u0300', '\uFFFF') ? value.Normalize(NormalizationForm.FormC) : value;

    public static string? OptionalText(string? value, string paramName, int maxLength, bool multiline = false)
    {
        if (value is null || IsTrusted)
        {
            return value;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(
                $"'{paramName}' must either be left out (null) or contain text; it was empty or only white space.", paramName);
        }

        return Bounded(value, paramName, maxLength, multiline);
    }

    private static string Bounded(string value, string paramName, int maxLength, bool multiline)
    {
        if (value.Length > maxLength)
        {
            throw new ArgumentException(
                $"'{paramName}' is {value.Length} characters long; at most {maxLength} are allowed.", paramName);
        }

        // Printable ASCII holds no surrogate, control, separator or direction mark: only other text is looked at one by one.
        for (var i = value.AsSpan().IndexOfAnyExceptInRange(' ', '~'); i >= 0 && i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                // A lone half of a surrogate pair is not text: databases and exports would mangle it.
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'{paramName}' is not valid Unicode text: a broken surrogate pair at position {i}."),
                    paramName);
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                // Bidirectional overrides can make a name or a plan line read differently on screen than it is stored.
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"'{paramName}' contains the bidirectional control character U+{(int)c:X4} at position {i}, which can disguise text; remove it."),
                    paramName);
            }

            var separator = c is '\u2028' or '\u2029';
            if ((!char.IsControl(c) && !separator) || (multiline && (c is '\n' or '\r' or '\t')))
            {
                continue;
            }

            var allowed = multiline ? "only line breaks and tabs are allowed" : "no control characters are allowed in a single-line value";
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"'{paramName}' contains the control character U+{(int)c:X4} at position {i}; {allowed}."),
                paramName);
        }

        // No field anywhere may carry a personal identity number: not an id, not a name, not the plan's free text.
        PersonalIdentityNumber.Refuse(value, paramName);

        return value;
    }

    public static T Defined<T>(T value, string paramName)
        where T : struct, Enum
    {
        if (!IsTrusted && !Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"'{paramName}' has the value {value}, which is not a defined {typeof(T).Name}; allowed: {string.Join(", ", Enum.GetNames<T>())}.");
        }

        return value;
    }

    public static T Flags<T>(T value, string paramName, bool noneAllowed = false)
        where T : struct, Enum
    {
        if (IsTrusted)
        {
            return value;
        }

        var bits = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (bits == 0 && noneAllowed)
        {
            return value;
        }

        long all = 0;
        foreach (var v in Enum.GetValues<T>())
        {
            all |= Convert.ToInt64(v, CultureInfo.InvariantCulture);
        }

        if (bits == 0 || (bits & ~all) != 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"'{paramName}' has the value {value}; allowed is one or more of: {string.Join(", ", Enum.GetNames<T>().Where(n => n != "None"))}.");
        }

        return value;
    }

    public static TId Id<TId>(TId value, string paramName)
        where TId : struct, ISipId
    {
        if (value.Value == Guid.Empty)
        {
            throw new ArgumentException(
                $"'{paramName}' is the empty (default) {typeof(TId).Name}; create one with {typeof(TId).Name}.New() or from a non-empty Guid.",
                paramName);
        }

        return value;
    }

    public static T NotNull<T>(T? value, string paramName)
        where T : class
        => value ?? throw new ArgumentNullException(paramName, $"'{paramName}' is required.");

    public static IReadOnlyList<T> List<T>(IEnumerable<T>? items, string paramName, int maxCount)
    {
        if (items is null)
        {
            return SipList<T>.Empty;
        }

        // A SipList handed back to us is already a private, unchangeable copy; anything else is copied so the caller's
        // later changes to its own list never reach a case.
        if (items is SipList<T> frozen)
        {
            return frozen;
        }

        ImmutableArray<T> list = [.. items];
        if (list.Length > maxCount && !IsTrusted)
        {
            throw new ArgumentException($"'{paramName}' has {list.Length} items; at most {maxCount} are allowed.", paramName);
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"'{paramName}' has a null item at index {i}; every item is required.", paramName);
            }
        }

        return new SipList<T>(list);
    }

    public static IReadOnlyList<string> TextList(IEnumerable<string>? items, string paramName, int maxCount, int maxLength, bool multiline = true)
    {
        var list = List(items, paramName, maxCount);
        for (var i = 0; i < list.Count; i++)
        {
            Text(list[i], $"{paramName}[{i}]", maxLength, multiline);
        }

        return list;
    }

    /// <summary>
    /// Checks a value the engine stamps (when something was recorded, a participant's role) with <paramref name="check"/>,
    /// but lets the default through: it is the value before the engine stamped it, which a host's command holds and its
    /// copy read back from JSON holds too. The engine overwrites it whatever it is.
    /// </summary>
    public static T Stamped<T>(T value, Func<T, string, T> check, string paramName)
        where T : struct
        => EqualityComparer<T>.Default.Equals(value, default) ? value : check(value, paramName);

    public static DateTimeOffset Moment(DateTimeOffset value, string paramName)
    {
        if (IsTrusted)
        {
            return value;
        }

        if (value < SipLimits.EarliestMoment || value > SipLimits.LatestMoment)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{paramName}' is {value:O}; a SIP date must lie between {SipLimits.EarliestMoment:yyyy-MM-dd} and {SipLimits.LatestMoment:yyyy-MM-dd}."));
        }

        return value;
    }

    /// <summary>
    /// Checks the time of something that has happened: not in the future (five minutes' leeway for clock skew between
    /// machines) and not longer ago than <see cref="SipLimits.RecordedWithin"/>.
    /// </summary>
    public static DateTimeOffset Recorded(DateTimeOffset value, DateTimeOffset now, string paramName)
    {
        Moment(value, paramName);
        if (value > now + ClockSkew)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{paramName}' is {value:O}, which lies in the future (now is {now:O}); record what has happened, when it happened."));
        }

        if (value < now - SipLimits.RecordedWithin)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{paramName}' is {value:O}, more than {SipLimits.RecordedWithin.TotalDays:0} days ago (now is {now:O}); check the date."));
        }

        return value;
    }

    /// <summary>
    /// Checks the time of something booked ahead: not already passed (five minutes' leeway) and not further ahead than
    /// <see cref="SipLimits.BookedWithin"/>.
    /// </summary>
    public static DateTimeOffset Booked(DateTimeOffset value, DateTimeOffset now, string paramName)
    {
        Moment(value, paramName);
        if (value < now - ClockSkew)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{paramName}' is {value:O}, which has already passed (now is {now:O}); book a time ahead."));
        }

        if (value > now + SipLimits.BookedWithin)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"'{paramName}' is {value:O}, more than {SipLimits.BookedWithin.TotalDays:0} days ahead (now is {now:O}); check the date."));
        }

        return value;
    }

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static DateTimeOffset? OptionalMoment(DateTimeOffset? value, string paramName)
        => value is { } v ? Moment(v, paramName) : null;
}
