// The network that examples/bring-your-own.groovy loads: trained by an experiment of its own, run first. From the
// project folder (paths below are relative to this script, output/ is the default --out):
//
//   ./l96 simulate --samples 20000 --no-y --out output/byo-truth     # the dataset both experiments train on
//   ./l96 run examples/bring-your-own-source.groovy                  # writes output/byo-source/train-ann/model.zip
//   ./l96 run examples/bring-your-own.groovy
//
// Nothing here is special: any run's train-<name>/model.zip can be loaded elsewhere.

experiment('byo-source') {
    simulate { from '../output/byo-truth' }    // world, samples and sampling interval from its manifest.json
    data { validation last: 4000; test last: 4000; batchSize 256 }
    network('ann') {
        layers { dense 16, relu; dense 16, relu; dense 8 }
        train { epochs 5; optimizer adam(lr: 0.003) }
    }
}
