using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sip.Workflow.Internal;

/// <summary>
/// Finds Swedish personal identity and coordination numbers (<i>personnummer</i>, <i>samordningsnummer</i>) anywhere in
/// a text, so they can be kept out of the store, its logs and its exports — above all out of the append-only history,
/// where nothing can ever be erased.
/// </summary>
/// <remarks>
/// <para>The text is first folded the way a person reading it would: compatibility forms (NFKC), every script's decimal
/// digits to ASCII, invisible format characters (soft hyphen, zero-width space and joiners, bidi marks) removed, every
/// space to a space and every dash and minus to <c>-</c>.</para>
/// <para>Then anything <b>shaped</b> like a number is refused, whether its check digit is right or not (a mistyped
/// number still identifies the person): a date part of six digits (YYMMDD) or eight (YYYYMMDD, century 18, 19 or 20)
/// with a valid month and a day of 1–31 (or 61–91, a coordination number), then four digits — written together, or
/// with separators (spaces, a dash, <c>+</c> for a person of a hundred years or more, a full stop or a slash) between
/// the date part and the four digits and between the date's two-digit parts ("12 12 12-1212", "121212 - 1212").</para>
/// <para>Look-alikes pass: dates and times ("2026-03-02 10:30"), phone numbers written in their usual groups
/// ("070-123 45 67"), organisation numbers (the month would be 20 or more), case numbers ("2026/117"). A phone number
/// written as ten unbroken digits whose first six read as a date is refused; write it with its groups.</para>
/// <para>A Guid is never a number, whatever its hex groups hold. A run of more than twelve digits is some other number; only a ten- or twelve-digit stretch of it with a valid
/// date and check digit is refused, as before.</para>
/// </remarks>
internal static partial class PersonalIdentityNumber
{
    public static void Refuse(string? value, string paramName)
    {
        if (value is not null && !Check.IsTrusted && Contains(value))
        {
            throw new ArgumentException(
                $"'{paramName}' contains what looks like a Swedish personal identity or coordination number (a date and four digits). " +
                "Sip.Workflow stores no personal identity numbers, in any field: pass the journal system's own opaque key for a person, " +
                "and leave numbers out of free text. A phone number may be written in its usual groups (070-123 45 67).",
                paramName);
        }
    }

    public static bool Contains(string value)
    {
        // Fast path: no text without at least ten digits of some script can hold a number.
        var digits = 0;
        if (System.Text.Ascii.IsValid(value))
        {
            // In ASCII the numbers are the ten digits: counted without decoding runes, for the ids and codes of every event.
            var rest = value.AsSpan();
            for (var at = rest.IndexOfAnyInRange('0', '9'); at >= 0 && ++digits < 10; at = rest.IndexOfAnyInRange('0', '9'))
            {
                rest = rest[(at + 1)..];
            }
        }
        else
        {
            foreach (var rune in value.EnumerateRunes())
            {
                if (Rune.IsNumber(rune) && ++digits >= 10)
                {
                    break;
                }
            }
        }

        if (digits < 10)
        {
            return false;
        }

        // A Guid's hex groups can fall out as a date and four digits (one Guid in tens of thousands): it is never a number.
        var groups = Groups(Guid().Replace(Fold(value), "#"));
        for (var start = 0; start < groups.Count; start++)
        {
            if (StartsNumber(groups, start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text as a reader sees it: folded digits, spaces and dashes, and no invisible characters.</summary>
    internal static string Fold(string value)
    {
        var text = value.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Format)
            {
                continue;
            }

            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                folded.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                folded.Append(' ');
            }
            else if (category == UnicodeCategory.DashPunctuation || rune.Value == 0x2212)
            {
                folded.Append('-');
            }
            else
            {
                folded.Append(rune.ToString());
            }
        }

        return folded.ToString();
    }

    /// <summary>
    /// The digit groups of a folded text; a group is joined to the one before when only a short separator stands between
    /// them (up to three characters of spaces and at most one of <c>- + . /</c>).
    /// </summary>
    private static List<(string Digits, bool Joined)> Groups(string text)
    {
        var groups = new List<(string, bool)>();
        var i = 0;
        var joined = false;
        while (i < text.Length)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                groups.Add((text[start..i], joined));

                // Look at what follows: a short separator joins the next group to this one.
                var gap = i;
                var marks = 0;
                while (gap < text.Length && gap - i < 3 && text[gap] is ' ' or '-' or '+' or '.' or '/')
                {
                    marks += text[gap] == ' ' ? 0 : 1;
                    gap++;
                }

                joined = gap < text.Length && char.IsAsciiDigit(text[gap]) && gap > i && marks <= 1;
                if (joined)
                {
                    i = gap;
                }
            }
            else
            {
                joined = false;
                i++;
            }
        }

        return groups;
    }

    private static bool StartsNumber(List<(string Digits, bool Joined)> groups, int start)
    {
        var first = groups[start].Digits;

        // Written together: ten or twelve digits with a date in front; longer runs only with a valid check digit.
        if (first.Length is 10 or 12 && IsDate(first.AsSpan(0, first.Length - 4)))
        {
            return true;
        }

        if (first.Length > 12 && AnyCheckedWindow(first))
        {
            return true;
        }

        // A date part in even-length pieces, then four digits that end the run of joined groups: a date range
        // ("2026-03-02 – 2026-04-15") goes on after its four-digit year and is not a number.
        var date = new StringBuilder(8);
        for (var j = start; j < groups.Count; j++)
        {
            if (j > start && !groups[j].Joined)
            {
                return false;
            }

            var group = groups[j].Digits;
            if (j > start && group.Length == 4 && EndsRun(groups, j) && date.Length is 6 or 8 && IsDate(date.ToString()))
            {
                return true;
            }

            if (group.Length % 2 != 0 || date.Length + group.Length > 8)
            {
                return false;
            }

            date.Append(group);
        }

        return false;
    }

    private static bool EndsRun(List<(string Digits, bool Joined)> groups, int index)
        => index + 1 == groups.Count || !groups[index + 1].Joined;

    [GeneratedRegex("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex Guid();

    /// <summary>YYMMDD, or YYYYMMDD in the 19th to 21st century; the day of a coordination number is 61–91.</summary>
    private static bool IsDate(ReadOnlySpan<char> date)
    {
        if (date.Length == 8)
        {
            if (date[..2] is not ("18" or "19" or "20"))
            {
                return false;
            }

            date = date[2..];
        }

        if (date.Length != 6)
        {
            return false;
        }

        var month = ((date[2] - '0') * 10) + (date[3] - '0');
        var day = ((date[4] - '0') * 10) + (date[5] - '0');
        return month is >= 1 and <= 12 && day is (>= 1 and <= 31) or (>= 61 and <= 91);
    }

    private static bool AnyCheckedWindow(string digits)
    {
        for (var start = 0; start + 10 <= digits.Length; start++)
        {
            var ten = digits.AsSpan(start, 10);
            if (IsDate(ten[..6]) && Luhn(ten))
            {
                return true;
            }
        }

        return false;
    }

    // The check digit covers the last ten digits (YYMMDDNNNC) in both the 10- and the 12-digit form.
    private static bool Luhn(ReadOnlySpan<char> ten)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }

        return sum % 10 == 0;
    }
}
