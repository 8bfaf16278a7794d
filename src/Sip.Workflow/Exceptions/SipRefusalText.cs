namespace Sip.Workflow;

/// <summary>The words of a refusal, ready to show to a person.</summary>
public static class SipRefusalText
{
    /// <summary>
    /// The message of a refused argument without what <see cref="ArgumentException.Message"/> appends to it: the
    /// parameter's name (a page shows the field next to its input, an API names it apart) and, for an
    /// <see cref="ArgumentOutOfRangeException"/>, the refused value — which may be personal data and is never echoed.
    /// The library's own messages never contain the value.
    /// </summary>
    /// <param name="refusal">The exception.</param>
    /// <returns>The message as the library wrote it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is <see langword="null"/>.</exception>
    public static string Of(ArgumentException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);

        // The framework's suffixes are localised; produce them with a marker message and cut them off exactly.
        const string Marker = "\u0001";
        var decorated = refusal is ArgumentOutOfRangeException { ActualValue: not null } range
            ? new ArgumentOutOfRangeException(refusal.ParamName, range.ActualValue, Marker).Message
            : new ArgumentException(Marker, refusal.ParamName).Message;
        var suffix = decorated[Marker.Length..];
        var message = refusal.Message;
        return suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
