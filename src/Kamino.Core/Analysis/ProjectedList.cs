using System.Collections;

namespace Kamino.Analysis;

/// <summary>
/// A read-only window of <paramref name="source"/> (items <paramref name="offset"/> to <paramref name="offset"/> +
/// <paramref name="count"/> − 1) projected item by item when read. A report over 50,000 customers keeps one
/// reference instead of 50,000 DTOs: a page or the API's first N customers project only what they show, and
/// System.Text.Json writes a whole list while it enumerates it, flushing as it goes, without a second copy.
/// </summary>
public sealed class ProjectedList<TSource, TResult>(IReadOnlyList<TSource> source, Func<TSource, TResult> project, int offset, int count)
    : IReadOnlyList<TResult>, ProjectedList.IFirst<TResult>
{
    /// <summary>Every item of <paramref name="source"/>, projected.</summary>
    public ProjectedList(IReadOnlyList<TSource> source, Func<TSource, TResult> project)
        : this(source, project, 0, source.Count)
    {
    }

    private readonly int offset = offset >= 0 && offset <= source.Count ? offset : throw new ArgumentOutOfRangeException(nameof(offset), offset, "Outside the list.");

    public int Count { get; } = count >= 0 ? Math.Min(count, source.Count - Math.Clamp(offset, 0, source.Count)) : throw new ArgumentOutOfRangeException(nameof(count), count, "Negative.");

    public TResult this[int index] => (uint)index < (uint)Count ? project(source[offset + index]) : throw new ArgumentOutOfRangeException(nameof(index));

    IReadOnlyList<TResult> ProjectedList.IFirst<TResult>.First(int n) => n < Count ? new ProjectedList<TSource, TResult>(source, project, offset, n) : this;

    public IEnumerator<TResult> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return project(source[offset + i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Cuts a report's list to its first customers without projecting the rest.</summary>
public static class ProjectedList
{
    /// <summary>
    /// The first <paramref name="n"/> items of <paramref name="list"/> (all when null): a <see cref="ProjectedList{TSource, TResult}"/>
    /// stays lazy, any other list is copied up to <paramref name="n"/>.
    /// </summary>
    public static IReadOnlyList<T> First<T>(IReadOnlyList<T> list, int? n) => n is not { } m || m >= list.Count ? list
        : list switch
        {
            IFirst<T> lazy => lazy.First(m),
            _ => list.Take(m).ToList(),
        };

    internal interface IFirst<T>
    {
        IReadOnlyList<T> First(int n);
    }
}
