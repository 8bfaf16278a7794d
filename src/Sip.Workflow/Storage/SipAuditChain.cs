using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>Computes and verifies the hash chain over a case's history.</summary>
public static partial class SipAuditChain
{
    /// <summary>
    /// Computes the hash an event must carry, in the event's own hash form (<see cref="SipEvent.HashVersion"/>): SHA-256
    /// over its content and its <see cref="SipEvent.PreviousHash"/>, or, with an <paramref name="auditKey"/>, HMAC-SHA-256 —
    /// which someone who can write to the database but does not hold the key cannot recompute, so a rewritten history
    /// cannot be passed off as intact. docs/audit-trail.md gives both forms.
    /// </summary>
    /// <param name="sipEvent">The event; its own <see cref="SipEvent.Hash"/> is ignored.</param>
    /// <param name="auditKey">The key named by the event's <see cref="SipEvent.AuditKeyId"/>, or empty for a plain hash.</param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The event's hash form is not 1, 2, 3 or 4.</exception>
    public static string ComputeHash(SipEvent sipEvent, ReadOnlySpan<byte> auditKey = default)
    {
        ArgumentNullException.ThrowIfNull(sipEvent);
        if (!IsKnownForm(sipEvent.HashVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(sipEvent), sipEvent.HashVersion,
                $"The event's hash form is {sipEvent.HashVersion}; this library knows forms 1, 2, 3 and 4.");
        }

        // Forms 2, 3 and 4 have the same fields; the third and fourth differ in how the case hash they carry is made, and
        // the name keeps an event of one form from verifying as another.
        var second = sipEvent.HashVersion >= 2;

        // The form's name first: no event of the first form starts with it (that one starts with a Guid).
        var fields = second ? SipFieldHash.Of(FormNames[sipEvent.HashVersion]) : SipFieldHash.Unnamed();
        // Ids and numbers are written as their invariant text straight into the record (SipFieldHash), not made strings first.
        fields.Field(sipEvent.CaseId.Value)
            .Field(sipEvent.CaseHash)
            .Field(sipEvent.Sequence)
            .Field(sipEvent.EventType)
            // States by their pinned wire names (SipWireNames), never by the C# member name of the day.
            .Field(sipEvent.FromState is { } from ? SipWireNames.Of(from) : null)
            .Field(SipWireNames.Of(sipEvent.ToState))
            .Field(sipEvent.Actor?.UserId)
            .Field(sipEvent.Actor?.Organisation)
            .Field(sipEvent.Actor?.Role)
            .Field(sipEvent.OccurredAt.UtcTicks);
        _ = sipEvent.CommandId is { } commandId ? fields.Field(commandId.Value) : fields.Field(null);
        var details = Internal.SipDetails.Of(sipEvent.Details);
        if (second)
        {
            fields.Field(sipEvent.CommandFingerprint).Field(sipEvent.AuditKeyId).Field(details.Count);
        }

        // By key in ordinal order, as the details keep them (keys are unique, so that is the one order).
        foreach (var pair in details.InKeyOrder)
        {
            fields.Field(pair.Key).Field(pair.Value);
        }

        return fields.Field(sipEvent.PreviousHash).Finish(auditKey);
    }

    /// <summary>
    /// Computes the case hash an event records: over the canonical form (RFC 8785, the JSON Canonicalization Scheme) of the
    /// case's JSON body, which leaves out the history head (itself derived from this hash). Forms 1 and 2 hash the
    /// canonical body whole; form 3 hashes it with each of its lists replaced by a digest of its elements' own SHA-256
    /// digests, so that a command re-hashes only what it changed; form 4, which this library writes, does the same with
    /// each list that is not empty and keeps an empty one as it is. For a case read from a store the body
    /// is the one that was stored, so neither a database that reformats JSON nor a later version that writes members
    /// differently makes an untouched case look changed. docs/audit-trail.md gives the exact forms.
    /// </summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="auditKey">
    /// The audit key the event recording this case is sealed with: then HMAC-SHA-256 (forms 2, 3 and 4; form 1 is never
    /// keyed). Optional.
    /// </param>
    /// <param name="hashForm">
    /// The recording event's <see cref="SipEvent.HashVersion"/>: 1, 2, 3 or 4. Pass it: the default, 4 (the form this
    /// library writes unless <see cref="SipWorkflowOptions.SealedHashForm"/> says 3), is compiled into the call, so a call
    /// that leaves it out keeps the form of the release it was built against.
    /// </param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hashForm"/> is not 1, 2, 3 or 4.</exception>
    public static string ComputeCaseHash(SipCase sipCase, ReadOnlySpan<byte> auditKey = default, int hashForm = CurrentForm)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        if (!IsKnownForm(hashForm))
        {
            throw new ArgumentOutOfRangeException(nameof(hashForm), hashForm, $"The hash form is {hashForm}; this library knows forms 1, 2, 3 and 4.");
        }

        return Convert.ToHexStringLower(SipJson.CaseBodyHash(sipCase, hashForm, hashForm == 1 ? default : auditKey));
    }

    internal static bool IsKnownForm(int form) => form is >= 1 and <= CurrentForm;

    /// <summary>The hash form this library seals events in (<see cref="SipEvent.HashVersion"/>).</summary>
    internal const int CurrentForm = 4;

    private static readonly string[] FormNames = ["", "", "sip-event/2", "sip-event/3", "sip-event/4"];

    /// <summary>
    /// Verifies a case's history: sequence numbers 1, 2, 3 … without gaps, each event's hash matching its content under the
    /// key its <see cref="SipEvent.AuditKeyId"/> names, no unkeyed event after a keyed one, each previous hash matching the
    /// event before, each event starting in the state the one before ended in, all for one case, and — when the case is
    /// given — the history exactly as long as the case's version, its newest event matching the case's head, state and
    /// document.
    /// </summary>
    /// <param name="history">The whole stored history, oldest first, as the store returned it.</param>
    /// <param name="sipCase">The case, to check that no newest events were cut off or added; optional.</param>
    /// <param name="keys">The audit keys the events were sealed with, if any (<see cref="SipAuditKeyRing"/>).</param>
    /// <returns>Intact, or the first event where the chain breaks and why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    public static SipAuditVerification Verify(IReadOnlyList<SipEvent> history, SipCase? sipCase = null, SipAuditKeyRing? keys = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        keys ??= SipAuditKeyRing.None;
        var previous = string.Empty;
        SipEvent? before = null;
        string? keyedBy = null;
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

            // A form above those this version knows was written by a later release, or the number was changed: this version
            // can tell neither apart nor check the event, and says so rather than calling it an edit.
            if (e.HashVersion > CurrentForm)
            {
                return Broken(expected, $"event {expected} is of hash form {e.HashVersion}, which this version of Sip.Workflow does not know (it knows forms 1 to {CurrentForm}): a later release wrote it, or it was changed; verify the history with a release that knows form {e.HashVersion}");
            }

            if (!IsKnownForm(e.HashVersion) || (e.HashVersion == 1 && (e.AuditKeyId is not null || e.CommandFingerprint is not null)))
            {
                return Broken(expected, $"event {expected} claims hash form {e.HashVersion}, which does not fit its content: it was changed after it was written");
            }

            // Once a key sealed the history, only a key may seal what follows: an unkeyed event after a keyed one was
            // written by someone without the key.
            if (keyedBy is not null && e.AuditKeyId is null)
            {
                return Broken(expected, $"event {expected} is not sealed with an audit key although the events before are (key '{keyedBy}'): it was written outside the engine");
            }

            if (e.HashVersion >= 2 && !keys.TryGet(e.AuditKeyId, out _))
            {
                return Broken(expected, $"event {expected} is sealed with audit key '{e.AuditKeyId}', which is not among the keys given: add it as a retired key to verify");
            }

            if (Match(e, keys) is not { } keyed)
            {
                return Broken(expected, $"event {expected} does not match its hash: its content was changed after it was written");
            }

            if (!keyed && !keys.AllowsUnkeyed(e))
            {
                return Broken(expected, keys.UnkeyedBefore is { } since
                    ? $"event {expected} is not sealed with an audit key although it was written after keys were turned on ({since:O}): it was written outside the engine"
                    : $"event {expected} is not sealed with an audit key, and every event must be: it was written outside the engine, or the key was turned on for existing history without UnkeyedHistoryBefore");
            }

            keyedBy = e.AuditKeyId ?? keyedBy;
            previous = e.Hash;
            before = e;
        }

        if (sipCase is not null)
        {
            if (history.Count > sipCase.Version)
            {
                return Broken(sipCase.Version + 1,
                    $"the case is at version {sipCase.Version} but the history holds {history.Count} events: event {sipCase.Version + 1} was added outside the engine, or the case was set back");
            }

            if (history.Count < sipCase.Version)
            {
                return Broken(history.Count + 1,
                    $"the case is at version {sipCase.Version} but the history holds {history.Count} events: events are missing at the end");
            }

            // The history is as long as the case's version here, so its newest event is the case's own (none for version 0).
            if (before is not null && CaseProblem(before, sipCase, keys) is { } problem)
            {
                return Broken(history.Count, problem);
            }
        }

        return SipAuditVerification.Intact;

        static SipAuditVerification Broken(long sequence, string problem) => new(false, sequence, problem);
    }

    // What is wrong between a case and the newest event of its history, of the case's own version: the case must point to
    // it, be in the state it left, and be the case it recorded (its case hash, in the event's form and key; an event of the
    // first form records none).
    private static string? CaseProblem(SipEvent newest, SipCase sipCase, SipAuditKeyRing keys)
    {
        if (!string.Equals(sipCase.HistoryHead ?? string.Empty, newest.Hash, StringComparison.Ordinal))
        {
            return $"the newest event {newest.Sequence} is not the one the case points to";
        }

        if (newest.ToState != sipCase.State)
        {
            return $"the case is {sipCase.State} but its newest event left it {newest.ToState}: the case was changed outside the engine";
        }

        keys.TryGet(newest.AuditKeyId, out var caseKey);
        return newest.CaseHash is { } caseHash && !string.Equals(caseHash, ComputeCaseHash(sipCase, caseKey, newest.HashVersion), StringComparison.Ordinal)
            ? "the stored case does not match what its newest event recorded: the case was changed outside the engine"
            : null;
    }

    /// <summary>
    /// What is wrong between a case read from its stored document and its newest event, or <see langword="null"/> when they
    /// agree: the event is the case's version, is the one the case points to, matches its own hash, left the case's state,
    /// and recorded this very case. Checked before a command acts on a case read from the store, so that an edit made outside
    /// the engine is refused rather than sealed into history by the next step.
    /// </summary>
    internal static string? NewestEventProblem(SipEvent? newest, SipCase sipCase, SipAuditKeyRing keys)
        => newest is null || newest.Sequence != sipCase.Version ? $"the case is at version {sipCase.Version} but its history ends at event {newest?.Sequence ?? 0}"
            : !IsKnownForm(newest.HashVersion) ? $"event {newest.Sequence} claims hash form {newest.HashVersion}, which no release writes"
            : Match(newest, keys) is null ? $"event {newest.Sequence} does not match its hash"
            : CaseProblem(newest, sipCase, keys);

    // Whether the event matches its hash, and if so whether a key sealed it. An event of the first form does not name its
    // key: it was sealed with plain SHA-256 or with the one key of the day, so any key of the ring may have sealed it.
    private static bool? Match(SipEvent e, SipAuditKeyRing keys)
    {
        if (e.HashVersion >= 2)
        {
            keys.TryGet(e.AuditKeyId, out var key);
            return string.Equals(ComputeHash(e, key), e.Hash, StringComparison.Ordinal) ? e.AuditKeyId is not null : null;
        }

        if (string.Equals(ComputeHash(e), e.Hash, StringComparison.Ordinal))
        {
            return false;
        }

        return keys.AllKeys.Any(k => string.Equals(ComputeHash(e, k), e.Hash, StringComparison.Ordinal)) ? true : null;
    }
}
