using System.Globalization;
using System.Text;

namespace Sip.Workflow.Internal;

/// <summary>
/// Finds Swedish personal identity and coordination numbers (YYMMDD-NNNC, YYYYMMDDNNNC, with or without a separator)
/// anywhere in a text — by date and Luhn check digit, after folding look-alike digits and dashes — so they can be kept
/// out of the store, its logs and its exports.
/// </summary>
internal static class PersonalIdentityNumber
{
    public static void Refuse(string? value, string paramName)
    {
        if (value is not null && !Check.IsTrusted && Contains(value))
        {
            throw new ArgumentException(
                $"'{paramName}' contains what looks like a Swedish personal identity or coordination number. Sip.Workflow stores no personal " +
                "identity numbers: pass the journal system's own opaque key instead.",
                paramName);
        }
    }

    public static bool Contains(string value)
    {
        // NFKC folds full-width and other compatibility digits to ASCII; dash-like characters count as the separator.
        var text = value.Normalize(NormalizationForm.FormKC);
        Span<char> run = stackalloc char[16];
        var length = 0;
        var separators = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                if (length == run.Length)
                {
                    // A longer digit run is some other number; look at each 10- and 12-digit window of it below.
                    if (AnyWindow(run[..length]))
                    {
                        return true;
                    }

                    run[..^1].CopyTo(run);
                    run[^1] = c;
                    continue;
                }

                run[length++] = c;
            }
            else if (length > 0 && separators < 1 && IsSeparator(c) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                separators++;
            }
            else
            {
                if (AnyWindow(run[..length]))
                {
                    return true;
                }

                length = 0;
                separators = 0;
            }
        }

        return false;
    }

    private static bool IsSeparator(char c)
        => c is '-' or '+' or ' ' or '.' or '/' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation;

    private static bool AnyWindow(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 10)
        {
            return false;
        }

        for (var start = 0; start + 10 <= digits.Length; start++)
        {
            if (IsValidTen(digits.Slice(start, 10)))
            {
                return true;
            }
        }

        return false;
    }

    // The check digit covers the last ten digits (YYMMDDNNNC) in both the 10- and the 12-digit form.
    private static bool IsValidTen(ReadOnlySpan<char> ten)
    {
        var month = ((ten[2] - '0') * 10) + (ten[3] - '0');
        var day = ((ten[4] - '0') * 10) + (ten[5] - '0');
        if (month is < 1 or > 12)
        {
            return false;
        }

        // Coordination numbers add 60 to the day.
        if (day is < 1 or > 31 && day is < 61 or > 91)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }

        return sum % 10 == 0;
    }
}
