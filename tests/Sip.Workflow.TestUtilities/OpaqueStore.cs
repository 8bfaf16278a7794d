using System.Reflection;
using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// A host's store decorator as hosts write them: it implements <see cref="ISipCaseStore"/> and nothing else, so it
/// forwards neither opening at start-up nor the health probe.
/// </summary>
public class OpaqueStore : DispatchProxy
{
    private ISipCaseStore? _inner;

    /// <summary>Wraps <paramref name="inner"/> in a decorator that is only an <see cref="ISipCaseStore"/>.</summary>
    public static ISipCaseStore Wrap(ISipCaseStore inner)
    {
        var proxy = Create<ISipCaseStore, OpaqueStore>();
        ((OpaqueStore)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }
}
