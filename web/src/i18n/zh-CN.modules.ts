// What the page of a module that is not built yet says around the module's own description (which each module's
// manifest brings: `modules.<name>`). Part of zh-CN.ts.
const modules = {
  comingTitle: '该模块正在建设中',
  comingDesc: '以下是该模块上线后将提供的功能。目前没有任何演示数据，上线后将在此直接使用。',
  plannedFeatures: '规划功能',
  whoUses: '主要使用者',
};

export default modules;
