using System.Text.Json.Serialization;

namespace Sip.Workflow.Storage;

/// <summary>
/// The indexed projection of a case: the values a store keeps in columns beside the document so that queries and due
/// work do not read documents. The core computes it (<see cref="Of"/>), so what is indexed, and how it is keyed, is
/// decided once for every provider — as Rebus hands its storages the correlation properties.
/// </summary>
/// <remarks>
/// A store must write exactly these values for the case it stores, and the id column must be the id in the document.
/// If a later release changes how a value is derived, stores must rewrite (or migrate) the column for stored cases.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public readonly struct SipCaseIndex
{
    /// <summary>The case's id.</summary>
    public SipCaseId Id { get; private init; }

    /// <summary>The case's version (number of accepted commands).</summary>
    public long Version { get; private init; }

    /// <summary>The case's state.</summary>
    public SipState State { get; private init; }

    /// <summary>The host's opaque reference to the individual (<see cref="SubjectReference.Value"/>).</summary>
    public string Subject { get; private init; }

    /// <summary>The lead principal, once appointed.</summary>
    public PrincipalKind? LeadPrincipal { get; private init; }

    /// <summary>The lead organisation's key: its identifier, or its name when it has none.</summary>
    public string? LeadOrganisation { get; private init; }

    /// <summary>The next deadline in UTC ticks (due work sorts and pages by it, then by id), when one runs.</summary>
    public long? NextDeadlineUtcTicks { get; private init; }

    /// <summary>Computes a case's indexed values.</summary>
    /// <param name="sipCase">The case.</param>
    /// <returns>The index entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static SipCaseIndex Of(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return new SipCaseIndex
        {
            Id = sipCase.Id,
            Version = sipCase.Version,
            State = sipCase.State,
            Subject = sipCase.Individual.Reference.Value,
            LeadPrincipal = sipCase.LeadPrincipal?.Principal,
            LeadOrganisation = sipCase.LeadPrincipal is { } lead ? lead.Organisation.Identifier ?? lead.Organisation.Name : null,
            NextDeadlineUtcTicks = sipCase.NextDeadline?.UtcTicks,
        };
    }

    /// <summary>
    /// The index entry as a store's columns hold it, to check against the document it sits beside
    /// (<see cref="SipStoreRules.ReadRow"/>): a column changed outside the library is found instead of trusted.
    /// </summary>
    /// <param name="id">The id column.</param>
    /// <param name="version">The version column.</param>
    /// <param name="state">The state column.</param>
    /// <param name="subject">The subject column.</param>
    /// <param name="leadPrincipal">The lead principal column.</param>
    /// <param name="leadOrganisation">The lead organisation column.</param>
    /// <param name="nextDeadlineUtcTicks">The next deadline column, in UTC ticks.</param>
    /// <returns>The entry.</returns>
    public static SipCaseIndex FromColumns(
        SipCaseId id, long version, SipState state, string subject, PrincipalKind? leadPrincipal, string? leadOrganisation, long? nextDeadlineUtcTicks)
        => new()
        {
            Id = id,
            Version = version,
            State = state,
            Subject = subject,
            LeadPrincipal = leadPrincipal,
            LeadOrganisation = leadOrganisation,
            NextDeadlineUtcTicks = nextDeadlineUtcTicks,
        };

    /// <summary>
    /// The index entry read from a row: the columns version, state, subject, lead principal, lead organisation and next
    /// deadline, in that order from <paramref name="firstColumn"/> (<see cref="Columns"/>) — the order both SQL stores
    /// select them in.
    /// </summary>
    /// <param name="id">The row's id.</param>
    /// <param name="row">The reader, on the row.</param>
    /// <param name="firstColumn">The ordinal of the version column.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is <see langword="null"/>.</exception>
    public static SipCaseIndex FromColumns(SipCaseId id, System.Data.Common.DbDataReader row, int firstColumn)
    {
        ArgumentNullException.ThrowIfNull(row);
        return FromColumns(
            id,
            row.GetInt64(firstColumn),
            (SipState)row.GetInt32(firstColumn + 1),
            row.GetString(firstColumn + 2),
            row.IsDBNull(firstColumn + 3) ? null : (PrincipalKind)row.GetInt32(firstColumn + 3),
            row.IsDBNull(firstColumn + 4) ? null : row.GetString(firstColumn + 4),
            row.IsDBNull(firstColumn + 5) ? null : row.GetInt64(firstColumn + 5));
    }

    /// <summary>The indexed columns as both SQL stores name them, in the order <see cref="FromColumns(SipCaseId, System.Data.Common.DbDataReader, int)"/> reads them.</summary>
    public const string Columns = "version, state, subject_ref, lead_principal, lead_org, next_deadline";

    /// <summary>How many columns <see cref="Columns"/> names.</summary>
    public const int ColumnCount = 6;

    /// <summary>The names of the columns whose values differ from <paramref name="other"/>'s (id and version included).</summary>
    /// <param name="other">The other entry.</param>
    /// <returns>The column names; empty when every value is the same.</returns>
    public IReadOnlyList<string> DifferingColumns(SipCaseIndex other)
    {
        var names = new List<string>();
        if (Id != other.Id)
        {
            names.Add("id");
        }

        if (Version != other.Version)
        {
            names.Add("version");
        }

        var changed = ChangedFrom(other);
        if (changed.HasFlag(SipCaseIndexColumns.State))
        {
            names.Add("state");
        }

        if (changed.HasFlag(SipCaseIndexColumns.Subject))
        {
            names.Add("subject");
        }

        if (changed.HasFlag(SipCaseIndexColumns.Lead))
        {
            names.Add("lead principal");
        }

        if (changed.HasFlag(SipCaseIndexColumns.Deadline))
        {
            names.Add("next deadline");
        }

        return names;
    }

    /// <summary>
    /// Which groups of columns differ from <paramref name="before"/>: a store that knows the previous entry writes only
    /// those (SQLite re-indexes every column an UPDATE sets, changed or not).
    /// </summary>
    /// <param name="before">The entry of the version the store last wrote.</param>
    /// <returns>The changed groups; the version always changes and is not one of them.</returns>
    public SipCaseIndexColumns ChangedFrom(SipCaseIndex before)
    {
        var changed = SipCaseIndexColumns.None;
        if (State != before.State)
        {
            changed |= SipCaseIndexColumns.State;
        }

        if (!string.Equals(Subject, before.Subject, StringComparison.Ordinal))
        {
            changed |= SipCaseIndexColumns.Subject;
        }

        if (LeadPrincipal != before.LeadPrincipal || !string.Equals(LeadOrganisation, before.LeadOrganisation, StringComparison.Ordinal))
        {
            changed |= SipCaseIndexColumns.Lead;
        }

        if (NextDeadlineUtcTicks != before.NextDeadlineUtcTicks)
        {
            changed |= SipCaseIndexColumns.Deadline;
        }

        return changed;
    }

    /// <summary>Whether this entry passes a query's filters (not its page): for stores that filter in memory.</summary>
    /// <param name="query">The query.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public bool Matches(SipCaseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (query.State is null || State == query.State)
            && (query.Subject is null || string.Equals(Subject, query.Subject.Value, StringComparison.Ordinal))
            && (query.LeadPrincipal is null || LeadPrincipal == query.LeadPrincipal)
            && (query.LeadOrganisation is null || string.Equals(LeadOrganisation, query.LeadOrganisation, StringComparison.Ordinal))
            && (query.DeadlineAtOrBefore is null || (NextDeadlineUtcTicks is { } d && d <= query.DeadlineAtOrBefore.Value.UtcTicks));
    }

    /// <summary>Shows the id, version and state only: the subject is the host's reference to a person.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipCaseIndex {Id} v{Version} ({State})";
}

/// <summary>Groups of indexed columns, for writing only those whose value changed (<see cref="SipCaseIndex.ChangedFrom"/>).</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<SipCaseIndexColumns>))]
public enum SipCaseIndexColumns
{
    /// <summary>No indexed value changed (the version always does).</summary>
    None = 0,

    /// <summary>The state.</summary>
    State = 1,

    /// <summary>The subject.</summary>
    Subject = 2,

    /// <summary>The lead principal and lead organisation.</summary>
    Lead = 4,

    /// <summary>The next deadline.</summary>
    Deadline = 8,

    /// <summary>Every group.</summary>
    All = State | Subject | Lead | Deadline,
}
