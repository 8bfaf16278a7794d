using System.Reflection;
using System.Xml.Linq;

namespace Sip.Workflow.Tests.Documentation;

/// <summary>
/// A host maps the library's exceptions to answers (ProblemDetails, a message to the caseworker): it can only do so for
/// exceptions the members say they raise, so every member of the engine's interface documents them.
/// </summary>
public sealed class ExceptionDocumentationTests
{
    private static readonly XDocument Docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Sip.Workflow.xml"));

    public static TheoryData<string> EngineMethods() => [.. typeof(ISipWorkflow).GetMethods().Where(m => !m.IsSpecialName).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(EngineMethods))]
    public void Every_engine_method_documents_the_exceptions_it_raises(string name)
    {
        var method = typeof(ISipWorkflow).GetMethod(name)!;
        var member = Docs.Descendants("member").SingleOrDefault(m => (string?)m.Attribute("name") == DocId(method));

        member.Should().NotBeNull($"{name} has XML docs");
        member!.Elements("exception").Should().NotBeEmpty($"{name} documents the exceptions it raises");
    }

    [Fact]
    public void Every_library_exception_is_in_the_readme_table()
    {
        var readme = File.ReadAllText(Path.Combine(ReadmeTests.Root(), "README.md"));
        var exceptions = typeof(SipWorkflowException).Assembly.GetExportedTypes().Where(t => typeof(SipWorkflowException).IsAssignableFrom(t));

        exceptions.Should().OnlyContain(t => readme.Contains($"`{t.Name}`"), "the README's exception table lists every exception the library raises");
    }

    private static string DocId(MethodInfo method)
    {
        static string TypeName(Type t) => t.IsGenericType
            ? $"{t.GetGenericTypeDefinition().FullName![..t.GetGenericTypeDefinition().FullName!.IndexOf('`')]}{{{string.Join(",", t.GetGenericArguments().Select(TypeName))}}}"
            : t.FullName!;
        var parameters = method.GetParameters().Select(p => TypeName(p.ParameterType)).ToList();
        return $"M:{method.DeclaringType!.FullName}.{method.Name}" + (parameters.Count == 0 ? string.Empty : $"({string.Join(",", parameters)})");
    }
}
