using System.Text.Json.Serialization;

namespace Sip.Workflow.Exchange;

/// <summary>Why a received message was refused.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipExchangeRefusal>))]
public enum SipExchangeRefusal
{
    /// <summary>Not a valid message: unreadable, a value out of bounds, the wrong payload for its kind. Sending it again will not help.</summary>
    [JsonStringEnumMemberName("Malformed")]
    Malformed = 1,

    /// <summary>A contract version this library does not read.</summary>
    [JsonStringEnumMemberName("UnsupportedSchema")]
    UnsupportedSchema = 2,

    /// <summary>Addressed to a unit this receiver does not serve.</summary>
    [JsonStringEnumMemberName("NotAddressedHere")]
    NotAddressedHere = 3,

    /// <summary>About a case the receiver does not know, or one not linked to the sender's case.</summary>
    [JsonStringEnumMemberName("UnknownCase")]
    UnknownCase = 4,

    /// <summary>
    /// Ahead of what the receiver holds (a plan revision whose predecessor has not arrived): the transport should deliver
    /// the earlier message first and this one again; <see cref="SipExchangeRefusedException.IsTransient"/> says so.
    /// </summary>
    [JsonStringEnumMemberName("OutOfOrder")]
    OutOfOrder = 5,

    /// <summary>
    /// The receiving case refused the step, as it would refuse its own caseworker (a rule of the process, a consent that does
    /// not cover a party, a closed case): the inner exception says which; the receiver's caseworker takes it from there.
    /// </summary>
    [JsonStringEnumMemberName("RefusedByCase")]
    RefusedByCase = 6,

    /// <summary>
    /// The receiving case changed while the message was applied (its own caseworker, or another message at the same time):
    /// receiving the message again applies the rest on the case as it is now; <see cref="SipExchangeRefusedException.IsTransient"/>.
    /// </summary>
    [JsonStringEnumMemberName("CaseChanged")]
    CaseChanged = 7,
}

/// <summary>
/// A received exchange message was refused; nothing of it was applied that was not already there (a message is applied in
/// idempotent steps, so one refused halfway is applied whole when it comes again after the cause is gone).
/// </summary>
/// <remarks>The message names the rule and ids, never personal data from the message.</remarks>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipExchangeRefusedException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="message">The message: ids and rules only.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SipExchangeRefusedException(SipExchangeRefusal reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the message was refused.</summary>
    public SipExchangeRefusal Reason { get; }

    /// <summary>The refused message's id, when it could be read.</summary>
    public Guid? MessageId { get; init; }

    /// <inheritdoc />
    /// <value><see langword="true"/> for <see cref="SipExchangeRefusal.OutOfOrder"/>, <see cref="SipExchangeRefusal.CaseChanged"/>
    /// and a passing store failure underneath.</value>
    public override bool IsTransient => Reason is SipExchangeRefusal.OutOfOrder or SipExchangeRefusal.CaseChanged || InnerException is SipWorkflowException { IsTransient: true };
}
