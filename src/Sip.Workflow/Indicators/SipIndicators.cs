using System.Collections.Frozen;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// Indicators of how a region's SIP process works, computed from the history: a small projection the store keeps (what
/// each case adds to sums by month and dimension, and each case's open deadlines), brought up to date from the event feed
/// before each report, so a report reads sums, not cases, and stays fast at a million cases.
/// </summary>
/// <remarks>
/// <para>
/// For each case the feed names, the projection reads the case as its history made it and replaces what the case added
/// before with what it adds now; so the projection kept step by step holds exactly what a rebuild from scratch
/// (<see cref="RebuildAsync"/>) holds. A purged case's row goes with its tombstone; the sums it added stay, as aggregate
/// counts (a rebuild, which no longer sees the case, drops them).
/// </para>
/// <para>
/// A report holds aggregate numbers only, and hides a number below the minimum cell size
/// (<see cref="SipIndicatorOptions.MinimumCellSize"/>), so a unit's statistics cannot point at a person.
/// </para>
/// </remarks>
/// <threadsafety>Safe to use from many threads and processes at once: a step whose position another reader moved first is read again.</threadsafety>
public sealed class SipIndicators
{
    private const int PageSize = 500;
    private readonly ISipCaseStore _cases;
    private readonly ISipIndicatorStore _indicators;
    private readonly FrozenDictionary<string, SipPolicy> _policies;
    private readonly SipIndicatorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the indicators over a store that keeps both the cases and the projection.</summary>
    /// <param name="cases">Where the cases and the event feed are.</param>
    /// <param name="indicators">Where the projection is kept; usually the same store.</param>
    /// <param name="policies">The policies cases run under (<see cref="ISipWorkflow.Policies"/>); national guidance when empty.</param>
    /// <param name="options">Small-number suppression; a minimum cell size of 5 unless given.</param>
    /// <param name="timeProvider">The clock deadlines are judged by; <see cref="TimeProvider.System"/> unless given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/>, <paramref name="indicators"/> or <paramref name="policies"/> is <see langword="null"/>.</exception>
    public SipIndicators(
        ISipCaseStore cases, ISipIndicatorStore indicators, IEnumerable<SipPolicy> policies, SipIndicatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(policies);
        _cases = cases;
        _indicators = indicators;
        var known = policies.DistinctBy(p => p.Name).ToList();
        _policies = (known.Count == 0 ? [SipPolicy.NationalGuidance] : known).ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        _options = options ?? new SipIndicatorOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Brings the projection up to date with the event feed and returns the indicators of <paramref name="period"/> for the
    /// cases <paramref name="filter"/> picks, small numbers suppressed.
    /// </summary>
    /// <param name="period">The months.</param>
    /// <param name="filter">Which cases; every case unless given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    /// <exception cref="SipUnknownPolicyException">A case runs under a policy these indicators were not given.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used, or the projection was edited.</exception>
    public async Task<SipIndicatorReport> GetIndicatorsAsync(SipIndicatorPeriod period, SipIndicatorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= SipIndicatorFilter.All;
        var position = await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var cells = await _indicators.ReadIndicatorCellsAsync(period.First, period.Last, cancellationToken).ConfigureAwait(false);
        var due = await _indicators.CountIndicatorDeadlinesAsync(now, cancellationToken).ConfigureAwait(false);
        return Report(period, filter, now, position, cells, due, _options.MinimumCellSize);
    }

    /// <summary>Reads the event feed from where the projection stands to its end, and applies it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The feed position read to.</returns>
    /// <exception cref="SipUnknownPolicyException">A case runs under a policy these indicators were not given.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used, or the projection was edited.</exception>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var position = await _indicators.GetIndicatorPositionAsync(cancellationToken).ConfigureAwait(false);
            var page = await _cases.ReadFeedAsync(position, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return position;
            }

            // A reader that lost the race to another reads the step again from the position that one saved.
            await _indicators.SaveIndicatorsAsync(await StepAsync(position, page, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Empties the projection and builds it again from the start of the feed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The feed position read to.</returns>
    /// <exception cref="SipUnknownPolicyException">A case runs under a policy these indicators were not given.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    public async Task<long> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _indicators.ResetIndicatorsAsync(cancellationToken).ConfigureAwait(false);
        return await CatchUpAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SipIndicatorChange> StepAsync(long position, IReadOnlyList<SipFeedEntry> page, CancellationToken cancellationToken)
    {
        // Each case once per page, as it stands now: its last entry says whether it was purged.
        var last = new Dictionary<SipCaseId, SipFeedEntry>();
        foreach (var entry in page)
        {
            last[entry.CaseId] = entry;
        }

        var held = (await _indicators.GetIndicatorCasesAsync(last.Keys, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.CaseId);
        var upserts = new List<SipIndicatorCaseRow>();
        var removals = new List<SipCaseId>();
        var deltas = new Dictionary<(SipYearMonth, string, long, SipIndicatorDimensions), long>();
        foreach (var (caseId, entry) in last)
        {
            held.TryGetValue(caseId, out var before);
            var current = entry.Tombstone is null ? await _cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) : null;
            if (current is null)
            {
                // Purged: the per-case row goes, the sums it added stay.
                if (before is not null)
                {
                    removals.Add(caseId);
                }

                continue;
            }

            var after = SipIndicatorRules.Compute(current, PolicyOf(current));
            if (after.HoldsSameAs(before))
            {
                continue;
            }

            Accumulate(deltas, before, -1);
            Accumulate(deltas, after, +1);
            upserts.Add(after);
        }

        return new SipIndicatorChange
        {
            ExpectedPosition = position,
            Position = page[^1].Position,
            Upserts = upserts,
            Removals = removals,
            CellDeltas = [.. deltas.Where(d => d.Value != 0).Select(d => new SipIndicatorCell(d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Key.Item4, d.Value))],
        };
    }

    private SipPolicy PolicyOf(SipCase sipCase)
        => _policies.TryGetValue(sipCase.PolicyName, out var policy) ? policy : throw new SipUnknownPolicyException(sipCase.Id, sipCase.PolicyName, _policies.Keys);

    private static void Accumulate(Dictionary<(SipYearMonth, string, long, SipIndicatorDimensions), long> sums, SipIndicatorCaseRow? row, int sign)
    {
        foreach (var c in row?.Contributions ?? [])
        {
            var key = (c.Month, c.Metric, c.Value, row!.Dimensions);
            sums[key] = sums.GetValueOrDefault(key) + (sign * c.Count);
        }
    }

    /// <summary>The sums a set of case rows makes: what the projection holds when nothing was purged.</summary>
    /// <param name="rows">The case rows.</param>
    /// <returns>The cells, no zero sums, in month, metric, value order.</returns>
    internal static List<SipIndicatorCell> Sum(IEnumerable<SipIndicatorCaseRow> rows)
    {
        var sums = new Dictionary<(SipYearMonth, string, long, SipIndicatorDimensions), long>();
        foreach (var row in rows)
        {
            Accumulate(sums, row, +1);
        }

        return [.. sums.Where(s => s.Value != 0).Select(s => new SipIndicatorCell(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Key.Item4, s.Value))];
    }

    /// <summary>Builds a report from the sums and deadline counts: aggregate, then suppress.</summary>
    internal static SipIndicatorReport Report(
        SipIndicatorPeriod period, SipIndicatorFilter filter, DateTimeOffset now, long position,
        IEnumerable<SipIndicatorCell> cells, IEnumerable<SipIndicatorDueCount> due, int minimum)
    {
        var sums = new Dictionary<(string Metric, long Value), long>();
        foreach (var cell in cells.Where(c => period.Contains(c.Month) && filter.Matches(c.Dimensions)))
        {
            sums[(cell.Metric, cell.Value)] = sums.GetValueOrDefault((cell.Metric, cell.Value)) + cell.Count;
        }

        // Each metric's values once, so a report costs one pass over the sums however many indicators it holds.
        var byMetric = sums.GroupBy(s => s.Key.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => (s.Key.Value, Count: s.Value)).OrderBy(s => s.Value).ToList(), StringComparer.Ordinal);
        List<(long Value, long Count)> Values(string metric) => byMetric.GetValueOrDefault(metric) ?? [];
        long Count(string metric, long? value = null) => Values(metric).Where(s => value is null || s.Value == value).Sum(s => s.Count);
        var suppress = new Suppression(minimum);
        var list = new List<SipIndicator>
        {
            suppress.Count(SipIndicatorNames.CasesOpened, null, Count(SipIndicatorNames.CasesOpened)),
            suppress.Count(SipIndicatorNames.PlansEstablished, null, Count(SipIndicatorNames.PlansEstablished)),
            suppress.Count(SipIndicatorNames.Declined, null, Count(SipIndicatorNames.Closed, (long)ClosureReason.OfferDeclined)),
            suppress.Count(SipIndicatorNames.Withdrawn, null, Count(SipIndicatorNames.Closed, (long)ClosureReason.ConsentWithdrawn)),
        };
        list.AddRange(Enum.GetValues<ClosureReason>().Select(r => suppress.Count(SipIndicatorNames.Closed, r.ToString(), Count(SipIndicatorNames.Closed, (long)r))));
        foreach (var name in SipIndicatorNames.Durations)
        {
            list.Add(suppress.Duration(name, Values(name)));
        }

        foreach (var name in SipIndicatorNames.Shares)
        {
            list.Add(suppress.Share(name, Count(name, SipIndicatorRules.Yes), Count(name, SipIndicatorRules.No), Count(name, SipIndicatorRules.Unknown)));
        }

        list.AddRange(Enum.GetValues<DeviationKind>().Select(k => suppress.Count(SipIndicatorNames.Deviations, k.ToString(), Count(SipIndicatorNames.Deviations, (long)k))));
        foreach (var metric in byMetric.Keys.Where(m => m.StartsWith(SipIndicatorNames.Evaluation + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            list.Add(suppress.Mean(SipIndicatorNames.Evaluation, metric[(SipIndicatorNames.Evaluation.Length + 1)..], Values(metric)));
        }

        var past = due.Where(d => filter.Matches(d.Dimensions)).GroupBy(d => d.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Count), StringComparer.Ordinal);
        list.AddRange(SipRequirements.All.Where(r => r.Kind == RequirementKind.Deadline)
            .Select(r => suppress.Count(SipIndicatorNames.OpenPastDeadline, r.Code, past.GetValueOrDefault(r.Code))));
        return new SipIndicatorReport { Period = period, Filter = filter, MinimumCellSize = minimum, AsOf = now, FeedPosition = position, Indicators = list };
    }

    // A number from 1 to one below the minimum is hidden; zero is shown (it points at nobody). A share is shown only when
    // neither its numerator nor its remainder is hidden, since either with the total gives the other.
    private sealed class Suppression(int minimum)
    {
        private bool Hidden(long n) => n > 0 && n < minimum;

        public SipIndicator Count(string name, string? kind, long count)
            => new() { Name = name, Kind = kind, Count = Hidden(count) ? null : count, Suppressed = Hidden(count) };

        public SipIndicator Duration(string name, List<(long Hours, long Count)> distribution)
        {
            var n = distribution.Sum(d => d.Count);
            if (n < minimum)
            {
                return new() { Name = name, Count = Hidden(n) ? null : n, Suppressed = n > 0 };
            }

            return new() { Name = name, Count = n, Median = Percentile(distribution, n, 50), Percentile90 = Percentile(distribution, n, 90) };
        }

        public SipIndicator Mean(string name, string kind, List<(long Score, long Count)> answers)
        {
            var n = answers.Sum(a => a.Count);
            return n < minimum
                ? new() { Name = name, Kind = kind, Count = Hidden(n) ? null : n, Suppressed = n > 0 }
                : new() { Name = name, Kind = kind, Count = n, Mean = (double)answers.Sum(a => a.Score * a.Count) / n };
        }

        public SipIndicator Share(string name, long yes, long no, long unknown)
        {
            var known = yes + no;
            var shown = known >= minimum && !Hidden(yes) && !Hidden(no);
            return new()
            {
                Name = name,
                Count = Hidden(known) ? null : known,
                Numerator = shown ? yes : null,
                Share = shown ? (double)yes / known : null,
                Unknown = Hidden(unknown) ? null : unknown,
                Suppressed = (known > 0 && !shown) || Hidden(unknown),
            };
        }

        // Nearest rank: the smallest value with at least p % of the facts at or below it.
        private static TimeSpan Percentile(List<(long Hours, long Count)> distribution, long n, int p)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(n * p / 100.0));
            long seen = 0;
            foreach (var (hours, count) in distribution)
            {
                seen += count;
                if (seen >= rank)
                {
                    return TimeSpan.FromHours(hours);
                }
            }

            return TimeSpan.FromHours(distribution[^1].Hours);
        }
    }
}
