using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sip.Workflow.Storage;

/// <summary>Computes and verifies the hash chain over a case's history.</summary>
public static class SipAuditChain
{
    /// <summary>
    /// Computes the hash an event must carry: SHA-256 over its content and its <see cref="SipEvent.PreviousHash"/>, or,
    /// with an <paramref name="auditKey"/>, HMAC-SHA-256 — which someone who can write to the database but does not hold
    /// the key cannot recompute, so a rewritten history cannot be passed off as intact.
    /// </summary>
    /// <param name="sipEvent">The event; its own <see cref="SipEvent.Hash"/> is ignored.</param>
    /// <param name="auditKey">The audit key (<see cref="SipWorkflowOptions.AuditKey"/>), or <see langword="null"/> for a plain hash.</param>
    /// <returns>Lowercase hex.</returns>
    public static string ComputeHash(SipEvent sipEvent, ReadOnlySpan<byte> auditKey = default)
    {
        ArgumentNullException.ThrowIfNull(sipEvent);

        // Every field is written with its length in front, so no choice of text can make two different events
        // serialise alike; details are sorted so the order a store returns them in does not matter.
        var text = new StringBuilder(256);
        void Field(string? value) => text.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');

        Field(sipEvent.CaseId.ToString());
        Field(sipEvent.CaseHash);
        Field(sipEvent.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(sipEvent.EventType);
        // States by their pinned wire names (SipWireNames), never by the C# member name of the day.
        Field(sipEvent.FromState is { } from ? SipWireNames.Of(from) : null);
        Field(SipWireNames.Of(sipEvent.ToState));
        Field(sipEvent.Actor?.UserId);
        Field(sipEvent.Actor?.Organisation);
        Field(sipEvent.Actor?.Role);
        Field(sipEvent.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(sipEvent.CommandId?.ToString());
        foreach (var pair in (sipEvent.Details ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Field(pair.Key);
            Field(pair.Value);
        }

        Field(sipEvent.PreviousHash);

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text.ToString(), bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            if (auditKey.IsEmpty)
            {
                SHA256.HashData(bytes.AsSpan(0, length), hash);
            }
            else
            {
                HMACSHA256.HashData(auditKey, bytes.AsSpan(0, length), hash);
            }

            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// SHA-256 over the canonical form (RFC 8785, the JSON Canonicalization Scheme) of a case's JSON body, which leaves
    /// out the history head (itself derived from this hash). For a case read from a store the body is the one that was
    /// stored, so neither a database that reformats JSON nor a later version that writes members differently makes an
    /// untouched case look changed. docs/audit-trail.md gives the exact form.
    /// </summary>
    /// <param name="sipCase">The case.</param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static string ComputeCaseHash(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return Convert.ToHexStringLower(SipJson.CanonicalCaseBodySha256(sipCase));
    }

    /// <summary>
    /// Verifies a case's history: sequence numbers 1, 2, 3 … without gaps, each event's hash matching its content, each
    /// previous hash matching the event before, each event starting in the state the one before ended in, all for one
    /// case, and — when the case is given — the newest event matching the case's head, state and document.
    /// </summary>
    /// <param name="history">The history, oldest first, as the store returned it.</param>
    /// <param name="sipCase">The case, to check that no newest events were cut off; optional.</param>
    /// <param name="auditKey">The audit key the events were written with, if any.</param>
    /// <returns>Intact, or the first event where the chain breaks and why.</returns>
    public static SipAuditVerification Verify(IReadOnlyList<SipEvent> history, SipCase? sipCase = null, ReadOnlySpan<byte> auditKey = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var previous = string.Empty;
        SipEvent? before = null;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            var expected = i + 1;
            if (e is null || e.Actor is null || e.Details is null)
            {
                return Broken(expected, $"event {expected} is missing or incomplete");
            }

            if (e.CaseId != (sipCase?.Id ?? history[0].CaseId))
            {
                return Broken(expected, $"event {expected} belongs to another case");
            }

            if (before is not null && e.FromState != before.ToState)
            {
                return Broken(expected, $"event {expected} starts in {e.FromState} but the event before ended in {before.ToState}");
            }

            if (e.Sequence != expected)
            {
                return Broken(expected, $"expected event {expected} here but found event {e.Sequence}: an event was removed or the order changed");
            }

            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return Broken(expected, $"event {expected} does not link to the event before it: an event was removed, inserted or reordered");
            }

            if (!string.Equals(ComputeHash(e, auditKey), e.Hash, StringComparison.Ordinal))
            {
                return Broken(expected, $"event {expected} does not match its hash: its content was changed after it was written");
            }

            previous = e.Hash;
            before = e;
        }

        if (sipCase is not null)
        {
            if (history.Count != sipCase.Version)
            {
                return Broken(history.Count + 1,
                    $"the case is at version {sipCase.Version} but the history holds {history.Count} events: events are missing at the end");
            }

            if (!string.Equals(sipCase.HistoryHead ?? string.Empty, previous, StringComparison.Ordinal))
            {
                return Broken(history.Count, $"the newest event {history.Count} is not the one the case points to");
            }

            if (before is not null && before.ToState != sipCase.State)
            {
                return Broken(history.Count, $"the case is {sipCase.State} but its newest event left it {before.ToState}: the case was changed outside the engine");
            }

            if (before?.CaseHash is { } caseHash && !string.Equals(caseHash, ComputeCaseHash(sipCase), StringComparison.Ordinal))
            {
                return Broken(history.Count, "the stored case does not match what its newest event recorded: the case was changed outside the engine");
            }
        }

        return SipAuditVerification.Intact;

        static SipAuditVerification Broken(long sequence, string problem) => new(false, sequence, problem);
    }
}
