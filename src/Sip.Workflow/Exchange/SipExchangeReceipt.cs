using System.Text.Json.Serialization;

namespace Sip.Workflow.Exchange;

/// <summary>What receiving a message did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipExchangeOutcome>))]
public enum SipExchangeOutcome
{
    /// <summary>The message was applied to the receiving case (or opened it).</summary>
    [JsonStringEnumMemberName("Applied")]
    Applied = 1,

    /// <summary>The message, or what it says, was already applied: a replay; nothing changed.</summary>
    [JsonStringEnumMemberName("AlreadyApplied")]
    AlreadyApplied = 2,
}

/// <summary>The answer to a received message: what it did, and to which case, for the sender to link.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Outcome">Applied, or already applied.</param>
/// <param name="CaseId">The receiving case.</param>
/// <param name="Case">The receiving case as the message left it.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipExchangeReceipt(Guid MessageId, SipExchangeOutcome Outcome, SipCaseId CaseId, SipCase Case)
{
    /// <summary>Shows ids and the outcome only.</summary>
    public override string ToString() => $"SipExchangeReceipt {MessageId} ({Outcome}, case {CaseId})";
}
