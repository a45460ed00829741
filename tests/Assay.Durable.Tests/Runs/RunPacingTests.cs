using Assay.Durable.Runs;

namespace Assay.Durable.Tests.Runs;

public sealed class RunPacingTests
{
    [Fact]
    public void One_target_and_a_judge_at_32_each_keep_eight_times_their_concurrency_in_flight()
    {
        var pace = RunPacing.Choose(cases: 10_000, hint: 8, batchSize: null, window: null, workItemsPerBatch: 1, concurrency: [32, 32], maxBatchSize: 1_000, maxWindow: 64);

        Assert.Equal(4, pace.Window);
        Assert.Equal(128, pace.BatchSize);
        Assert.True(pace.Chosen);
        Assert.True(pace.BatchSize * pace.Window >= RunPacing.Headroom * 64);
    }

    [Fact]
    public void The_window_holds_two_work_items_per_target_so_targets_on_different_endpoints_run_side_by_side()
    {
        var pace = RunPacing.Choose(10_000, 8, null, null, workItemsPerBatch: 5, concurrency: [16, 16, 16, 16, 64], 1_000, 64);

        Assert.Equal(10, pace.Window);
        Assert.Equal((RunPacing.Headroom * 128 + 9) / 10, pace.BatchSize);
    }

    [Fact]
    public void The_format_batch_size_is_a_floor_not_a_cap()
    {
        Assert.Equal(25, RunPacing.Choose(10_000, hint: 25, null, null, 1, [1, 1], 1_000, 64).BatchSize);
        Assert.Equal(128, RunPacing.Choose(10_000, hint: 25, null, null, 1, [32, 32], 1_000, 64).BatchSize);
    }

    [Fact]
    public void A_small_benchmark_is_cut_into_batches_that_still_overlap_generation_and_judging()
    {
        var pace = RunPacing.Choose(cases: 80, hint: 8, null, null, 1, [32, 32], 1_000, 64);

        Assert.Equal(20, pace.BatchSize);
        Assert.Equal(RunPacing.MinBatchesPerTarget, 80 / pace.BatchSize);
    }

    [Fact]
    public void The_host_caps_hold_and_what_the_request_sets_is_kept()
    {
        Assert.Equal(300, RunPacing.Choose(1_000_000, 8, null, null, 1, [1_000, 1_000], maxBatchSize: 300, maxWindow: 64).BatchSize);
        Assert.Equal(3, RunPacing.Choose(10_000, 8, null, null, workItemsPerBatch: 32, [32], 1_000, maxWindow: 3).Window);

        var set = RunPacing.Choose(10_000, 8, batchSize: 50, window: 16, 1, [32, 32], 1_000, 64);
        Assert.Equal((50, 16, false), (set.BatchSize, set.Window, set.Chosen));
    }

    [Fact]
    public void Without_endpoints_the_format_batch_size_and_the_default_window_are_used()
    {
        var pace = RunPacing.Choose(500, hint: 25, null, null, 2, [], 1_000, 64);

        Assert.Equal((25, RunPacing.DefaultWindow), (pace.BatchSize, pace.Window));
    }
}
