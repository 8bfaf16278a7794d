using System.Collections;
using System.Collections.Immutable;

namespace Sip.Workflow.Internal;

/// <summary>
/// The list every value object and case holds: a frozen copy with value equality, so that two cases or plans built from
/// equal values are equal (records compare their members with <see cref="object.Equals(object)"/>, and a plain array or
/// <see cref="ImmutableArray{T}"/> compares by reference once boxed).
/// </summary>
/// <remarks>
/// It is also a read-only <see cref="IList{T}"/>: a caller that casts to change it gets
/// <see cref="NotSupportedException"/>, as with <see cref="ImmutableArray{T}"/>, and copies take the fast path.
/// </remarks>
internal sealed class SipList<T> : IReadOnlyList<T>, IList<T>, IEquatable<SipList<T>>, ISipList
{
    private readonly ImmutableArray<T> _items;

    public SipList(ImmutableArray<T> items) => _items = items;

    public static SipList<T> Empty { get; } = new([]);

    /// <summary>
    /// A frozen copy of <paramref name="items"/> (itself when it already is one; empty for <see langword="null"/>), without
    /// the limits of host input: for what the engine and the stores hand out, which may be long (a store checkpoint's
    /// anchors) and must equal its copy read back from JSON.
    /// </summary>
    public static SipList<T> Of(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        SipList<T> frozen => frozen,
        _ => new([.. items]),
    };

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    T IList<T>.this[int index]
    {
        get => _items[index];
        set => throw ReadOnly();
    }

    bool ICollection<T>.IsReadOnly => true;

    public bool Contains(T item) => _items.Contains(item);

    public int IndexOf(T item) => _items.IndexOf(item);

    public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    void ICollection<T>.Add(T item) => throw ReadOnly();

    void ICollection<T>.Clear() => throw ReadOnly();

    bool ICollection<T>.Remove(T item) => throw ReadOnly();

    void IList<T>.Insert(int index, T item) => throw ReadOnly();

    void IList<T>.RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("A SIP case's lists cannot be changed; build a changed value with 'with' instead.");

    public ImmutableArray<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    public bool Equals(SipList<T>? other)
        => other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items.AsSpan(), EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => Equals(obj as SipList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// A <see cref="SipList{T}"/> of any element type: its count without a cast to <see cref="IReadOnlyList{T}"/>, which in shared
/// generic code takes the runtime's slow, variance-aware path.
/// </summary>
internal interface ISipList
{
    /// <summary>How many items the list holds.</summary>
    int Count { get; }
}
