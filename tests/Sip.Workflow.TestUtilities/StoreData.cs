using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing;

/// <summary>Builds cases and correctly chained events to write to a store directly, without the engine.</summary>
public static class StoreData
{
    public static SipCase NewCase(SipCaseId? id = null, string subject = "patient-7f3a", DateTimeOffset? nextDeadline = null) => new()
    {
        Id = id ?? SipCaseId.New(),
        Version = 1,
        Individual = SipTestData.Adult(subject),
        Origin = CaseOrigin.Outpatient(),
        IdentifiedBy = PrincipalKind.Region,
        OpenedAt = SipTestData.Start,
        NextDeadline = nextDeadline,
    };

    public static SipEvent Event(SipCase sipCase, string? previousHash = null, CommandId? commandId = null, string eventType = "CaseOpened")
    {
        var unsealed = new SipEvent
        {
            CaseId = sipCase.Id,
            Sequence = sipCase.Version,
            EventType = eventType,
            FromState = sipCase.Version == 1 ? null : sipCase.State,
            ToState = sipCase.State,
            Actor = SipTestData.FixedCareContact,
            OccurredAt = SipTestData.Start.AddMinutes(sipCase.Version),
            CommandId = commandId,
            Details = new Dictionary<string, string> { ["version"] = sipCase.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            PreviousHash = previousHash ?? string.Empty,
            Hash = string.Empty,
        };
        return unsealed with { Hash = SipAuditChain.ComputeHash(unsealed) };
    }

    /// <summary>The next version of a case with its event, chained to <paramref name="previous"/>.</summary>
    public static (SipCase Case, SipEvent Event) Next(SipCase current, SipEvent previous, CommandId? commandId = null, Func<SipCase, SipCase>? change = null)
    {
        var next = (change ?? (c => c))(current) with { Version = current.Version + 1 };
        var e = Event(next, previous.Hash, commandId, "RecordDeviation");
        return (next with { HistoryHead = e.Hash }, e);
    }

    public static async Task<(SipCase Case, SipEvent Event)> CreateAsync(ISipCaseStore store, SipCase? sipCase = null)
    {
        var c = sipCase ?? NewCase();
        var e = Event(c);
        c = c with { HistoryHead = e.Hash };
        await store.CreateAsync(c, e);
        return (c, e);
    }
}
