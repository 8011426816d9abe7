// A sweep script: the seed notebook (seed-notebook.groovy, unchanged) at three forcings, three seeds each.
// Run with:  ./l96 sweep examples/sweep-notebook-forcing.groovy        (points, summary and report: OUT/sweep-notebook-forcing/)
// Check it first with:  ./l96 validate examples/sweep-notebook-forcing.groovy   or   ./l96 sweep … --dry-run
sweep(experiment: 'seed-notebook.groovy') {
    vary 'world.forcing', 16, 18, 20
    seeds 3
}
