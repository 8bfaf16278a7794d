using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The host system's opaque reference to the individual (<i>den enskilde</i>): a patient key, a record number,
/// a pseudonym. The library never stores a personal identity number (<i>personnummer</i>), name or address;
/// the host resolves the reference against its own register.
/// </summary>
/// <remarks>
/// <para>
/// A value containing a Swedish personal identity or coordination number (with a valid check digit) is refused,
/// so that a mistaken mapping in the host cannot leak one into the SIP store, its logs or its exports.
/// </para>
/// <para><see cref="ToString"/> never shows the value; read <see cref="Value"/> where the reference is really needed.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SubjectReference
{
    /// <summary>Creates a reference after checking it.</summary>
    /// <param name="value">
    /// 1 to <see cref="SipLimits.SubjectReferenceMaxLength"/> characters, no control characters, not a personal
    /// identity number.
    /// </param>
    /// <exception cref="ArgumentException">The value is empty, too long, has control characters or is a personal identity number.</exception>
    public SubjectReference(string value)
    {
        Check.Text(value, nameof(value), SipLimits.SubjectReferenceMaxLength);

        Value = value;
    }

    /// <summary>The reference as the host gave it.</summary>
    public string Value { get; }

    /// <summary>Returns a redacted text so that the reference never reaches a log through string formatting.</summary>
    public override string ToString() => "SubjectReference(***)";
}
