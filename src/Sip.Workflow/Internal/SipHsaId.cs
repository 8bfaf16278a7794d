using System.Buffers;

namespace Sip.Workflow.Internal;

/// <summary>The form of an HSA-id: country code, organisation number, hyphen, extension.</summary>
internal static class SipHsaId
{
    private const int OrganisationNumberLength = 10;
    private const int MaxExtensionLength = 20;
    private static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    public static string Validated(string value, string paramName)
    {
        // Checked without echoing the value: an HSA-id names a person.
        var problem = Problem(value);
        return problem is null
            ? value
            : throw new ArgumentException(
                $"'{paramName}' is not an HSA-id: {problem}. An HSA-id is 'SE', the ten digits of an organisation number, a hyphen and an extension of 1 to {MaxExtensionLength} letters or digits (e.g. SE5565594230-A1B2); leave it out for staff without one.",
                paramName);
    }

    private static string? Problem(string value)
    {
        if (!value.StartsWith("SE", StringComparison.Ordinal))
        {
            return "it does not start with the country code SE";
        }

        var hyphen = value.IndexOf('-', StringComparison.Ordinal);
        if (hyphen != 2 + OrganisationNumberLength || value.AsSpan(2, OrganisationNumberLength).ContainsAnyExceptInRange('0', '9'))
        {
            return $"the country code is not followed by a {OrganisationNumberLength}-digit organisation number and a hyphen";
        }

        var extension = value.AsSpan(hyphen + 1);
        return extension.Length is 0 or > MaxExtensionLength || extension.ContainsAnyExcept(LettersAndDigits)
            ? $"the extension after the hyphen is not 1 to {MaxExtensionLength} letters or digits"
            : null;
    }
}
