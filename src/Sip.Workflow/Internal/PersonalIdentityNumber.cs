namespace Sip.Workflow.Internal;

/// <summary>
/// Recognises Swedish personal identity and coordination numbers (YYMMDD-NNNC, YYYYMMDDNNNC, with or without
/// the separator) by shape and Luhn check digit, so they can be kept out of the store.
/// </summary>
internal static class PersonalIdentityNumber
{
    public static bool LooksLikeOne(string value)
    {
        var text = value.Trim();
        Span<char> digits = stackalloc char[12];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == 12)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c is not ('-' or '+' or ' '))
            {
                return false;
            }
        }

        if (count is not (10 or 12))
        {
            return false;
        }

        // The check digit covers the last ten digits (YYMMDDNNNC) in both forms.
        var ten = digits[(count - 10)..count];
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
