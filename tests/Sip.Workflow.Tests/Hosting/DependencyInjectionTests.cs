using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Hosting;

public sealed class DependencyInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_gets_one_engine_on_the_chosen_store_with_its_own_clock()
    {
        var clock = new FakeTimeProvider(SipTestData.Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddSipWorkflow(o => o.Policy = SipPolicy.RegionHalland).UseInMemoryStore();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var workflow = provider.GetRequiredService<ISipWorkflow>();
        var opened = await workflow.OpenCaseAsync(new OpenCase
        {
            Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        }, Ct);

        provider.GetRequiredService<ISipWorkflow>().Should().BeSameAs(workflow);
        provider.GetRequiredService<ISipCaseStore>().Should().BeOfType<InMemorySipCaseStore>();
        opened.Case.OpenedAt.Should().Be(SipTestData.Start);
        opened.Case.PolicyName.Should().Be("Region Halland");
    }

    [Fact]
    public void Calling_it_twice_registers_once_and_applies_both_configurations_in_order()
    {
        var services = new ServiceCollection();
        services.AddSipWorkflow(o => o.Policy = SipPolicy.RegionHalland).UseInMemoryStore();
        services.AddSipWorkflow(o => o.Language = SipLanguage.English).UseInMemoryStore();

        services.Count(d => d.ServiceType == typeof(ISipWorkflow)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ISipCaseStore)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SipWorkflowOptions>>().Value;
        options.Policy.Should().Be(SipPolicy.RegionHalland);
        options.Language.Should().Be(SipLanguage.English);
        provider.GetRequiredService<ISipWorkflow>().GetProcessDiagram().Should().Contain(SipRequirements.PlanCoordinator.EnglishText);
    }

    [Fact]
    public async Task A_host_with_bad_options_fails_at_start_with_one_message_listing_every_problem()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow(o =>
        {
            o.Policy = SipPolicy.NationalGuidance with { DischargeSummonsWithin = TimeSpan.FromDays(4), StartWithin = TimeSpan.Zero };
            o.Language = (SipLanguage)9;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        var message = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
        message.Should().Contain("DischargeSummonsWithin").And.Contain("StartWithin").And.Contain("Language").And.Contain("UseSqliteStore");
    }

    [Fact]
    public async Task A_vendors_store_plugs_in_with_its_options_validated_and_is_opened_when_the_host_starts()
    {
        var services = new ServiceCollection();
        services.AddSipWorkflow().UseStore<VendorStore, VendorStoreOptions>(o => o.Server = "oracle-1", o => new VendorStore());
        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(Ct);
            }

            provider.GetRequiredService<VendorStore>().Initialized.Should().BeTrue("a store that can be opened ahead is opened at start");
            provider.GetRequiredService<ISipCaseStore>().Should().BeOfType<VendorStore>();
        }

        var invalid = new ServiceCollection();
        invalid.AddSipWorkflow().UseStore<VendorStore, VendorStoreOptions>(o => o.Server = " ", o => new VendorStore());
        await using var broken = invalid.BuildServiceProvider();
        var resolve = () => broken.GetRequiredService<IOptions<VendorStoreOptions>>().Value;
        resolve.Should().Throw<OptionsValidationException>()
            .WithMessage("The Vendor store is not configured correctly:*- 'Server' is required.*");
    }

    [Fact]
    public async Task The_health_check_reads_a_store_without_a_probe_of_its_own()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSipWorkflow().UseInMemoryStore();
        services.AddHealthChecks().AddSipWorkflow(name: "sip", tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        report.Entries["sip"].Status.Should().Be(HealthStatus.Healthy);
        report.Entries["sip"].Description.Should().Contain("answers");
    }

    [Fact]
    public async Task A_store_decorator_from_the_library_forwards_opening_and_the_probe()
    {
        var inner = new VendorStore();
        var decorated = new Decorated(inner);

        await decorated.InitializeAsync(Ct);
        var health = await decorated.ProbeAsync(Ct);

        inner.Initialized.Should().BeTrue();
        health.SchemaVersion.Should().Be(0, "the wrapped store has no probe, so a read answers for it");
    }

    private sealed class Decorated(ISipCaseStore inner) : SipCaseStoreDecorator(inner);

    private sealed class VendorStoreOptions : ISipStoreOptions
    {
        public string? Server { get; set; }

        public string DisplayName => "Vendor store";

        public IReadOnlyList<string> Validate() => string.IsNullOrWhiteSpace(Server) ? ["'Server' is required."] : [];
    }

    private sealed class VendorStore() : SipCaseStoreDecorator(new InMemorySipCaseStore())
    {
        public bool Initialized { get; private set; }

        public override Task InitializeAsync(CancellationToken cancellationToken = default)
        {
            Initialized = true;
            return Task.CompletedTask;
        }
    }
}
