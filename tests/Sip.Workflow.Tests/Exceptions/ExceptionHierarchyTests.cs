namespace Sip.Workflow.Tests.Exceptions;

public sealed class ExceptionHierarchyTests
{
    private static readonly Type[] Thrown =
    [
        .. typeof(SipWorkflowException).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(Exception)) && !t.IsAbstract),
    ];

    [Fact]
    public void Every_exception_the_library_raises_derives_from_SipWorkflowException()
        => Thrown.Should().OnlyContain(t => t.IsSubclassOf(typeof(SipWorkflowException)));

    [Fact]
    public void No_library_exception_is_an_InvalidOperationException_a_host_would_catch_for_its_own_reasons()
        => Thrown.Append(typeof(SipWorkflowException)).Should().OnlyContain(t => !typeof(InvalidOperationException).IsAssignableFrom(t));

    [Fact]
    public void A_transient_store_failure_says_so_through_the_base_type()
    {
        SipWorkflowException transient = new SipTransientStoreException("The database was busy.", mayHaveBeenApplied: false);
        transient.IsTransient.Should().BeTrue();
        (transient is SipWorkflowException { IsTransient: true }).Should().BeTrue("a host's retry policy tests exactly this");
    }

    [Fact]
    public void Refusals_and_conflicts_are_not_transient()
    {
        var caseId = SipCaseId.New();
        SipWorkflowException[] permanent =
        [
            new SipConcurrencyException(caseId, 1, 2),
            new SipCaseNotFoundException(caseId),
            new SipStorageException("A stored document could not be read."),
            new SipIdempotencyConflictException(CommandId.New(), caseId, "RecordConsent"),
            new SipUnknownPolicyException(caseId, "Gone", ["Known"]),
        ];
        permanent.Should().OnlyContain(e => !e.IsTransient);
    }

    [Fact]
    public void Every_public_exception_documents_that_it_is_immutable_once_thrown()
    {
        // The XML documentation file is generated beside the assembly; every exception type carries <threadsafety>.
        var xml = Path.ChangeExtension(typeof(SipWorkflowException).Assembly.Location, ".xml");
        File.Exists(xml).Should().BeTrue("the core library generates its XML documentation");
        var docs = System.Xml.Linq.XDocument.Load(xml);
        foreach (var type in Thrown.Append(typeof(SipWorkflowException)))
        {
            var member = docs.Descendants("member").Single(m => (string?)m.Attribute("name") == "T:" + type.FullName);
            member.Element("threadsafety").Should().NotBeNull($"{type.Name} documents its thread safety");
        }
    }
}
